#if canImport(Glibc)
import Glibc
#endif

/// Printing like PyTorch's `repr`, with one fixed number format (4 decimals) so output never varies:
/// `tensor([[ 0.1234, -1.0000],` / `        [ 2.0000,  3.0000]], requiresGrad: true)`.
/// Elements are right-aligned to a common width, rows wrap at 80 columns, and tensors with more
/// than 1000 elements show three items at each end of every dimension, as PyTorch does.
extension Tensor: CustomStringConvertible {
    public var description: String {
        let prefix = "tensor("
        let indent = prefix.count
        let summarize = count > TensorPrinting.threshold
        var body: String
        if count == 0 {
            body = "[]"
        } else {
            let width = visibleElements(summarize: summarize).map { formatElement($0).count }.max() ?? 0
            body = TensorPrinting.render(elements, shape, offset: 0, indent: indent, width: width, summarize: summarize)
        }
        var suffixes: [String] = []
        if count == 0 && shape != [0] {
            suffixes.append("size: \(Shapes.text(shape))")
        }
        if let gradFn {
            suffixes.append("gradFn: <\(gradFn.name)>")
        } else if requiresGrad {
            suffixes.append("requiresGrad: true")
        }
        return prefix + TensorPrinting.addSuffixes(body, suffixes, indent: indent)
    }

    /// The elements the printout shows (all, or the edges of each dimension when summarizing).
    private func visibleElements(summarize: Bool) -> [Float] {
        guard summarize else { return elements }
        var result: [Float] = []
        TensorPrinting.visit(shape, offset: 0, stride: count, summarize: true) { result.append(elements[$0]) }
        return result
    }
}

/// One element as the printout writes it: fixed 4 decimals (`-0.5000`, `12.0000`, `nan`, `inf`).
func formatElement(_ value: Float) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([Double(value)]) { vsnprintf(&buffer, buffer.count, "%.4f", $0) }
    return String(cString: buffer)
}

/// PyTorch's layout rules (`torch/_tensor_str.py`) for the printout.
enum TensorPrinting {
    /// More elements than this are summarized.
    static let threshold = 1000
    /// Items shown at each end of a summarized dimension.
    static let edgeItems = 3
    /// Target line width.
    static let lineWidth = 80

    /// Calls `body` with the offset of every element shown, in order.
    static func visit(_ shape: [Int], offset: Int, stride: Int, summarize: Bool, _ body: (Int) -> Void) {
        guard let size = shape.first else { body(offset); return }
        let inner = size == 0 ? 0 : stride / size
        for i in shownIndices(size, summarize: summarize) {
            if let i { visit(Array(shape.dropFirst()), offset: offset + i * inner, stride: inner, summarize: summarize, body) }
        }
    }

    /// The indices of a dimension shown, with nil where "..." goes.
    static func shownIndices(_ size: Int, summarize: Bool) -> [Int?] {
        if summarize && size > 2 * edgeItems {
            return Array(0..<edgeItems) + [nil] + Array((size - edgeItems)..<size)
        }
        return Array(0..<size)
    }

    /// The bracketed text of the sub-tensor at `offset` of `shape`.
    static func render(_ data: [Float], _ shape: [Int], offset: Int, indent: Int, width: Int, summarize: Bool) -> String {
        guard let size = shape.first else { return pad(formatElement(data[offset]), width) }
        let rest = Array(shape.dropFirst())
        let inner = Shapes.count(rest)
        let shown = shownIndices(size, summarize: summarize)
        if rest.isEmpty {
            let items = shown.map { $0.map { pad(formatElement(data[offset + $0]), width) } ?? " ..." }
            let perLine = Swift.max(1, (lineWidth - indent) / (width + 2))
            var lines: [String] = []
            var start = 0
            while start < items.count {
                lines.append(items[start..<Swift.min(start + perLine, items.count)].joined(separator: ", "))
                start += perLine
            }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        let slices = shown.map { i in
            i.map { render(data, rest, offset: offset + $0 * inner, indent: indent + 1, width: width, summarize: summarize) } ?? "..."
        }
        let separator = "," + String(repeating: "\n", count: shape.count - 1) + String(repeating: " ", count: indent + 1)
        return "[" + slices.joined(separator: separator) + "]"
    }

    /// `text` right-aligned to `width`.
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// Appends `, suffix` items and the closing parenthesis, moving a suffix to its own line when the
    /// last line would pass the line width.
    static func addSuffixes(_ body: String, _ suffixes: [String], indent: Int) -> String {
        var result = body
        let lastNewline = body.lastIndex(of: "\n")
        var lastLineLength = lastNewline.map { body.distance(from: $0, to: body.endIndex) + 1 } ?? (body.count + indent + 2)
        for suffix in suffixes {
            if lastLineLength + suffix.count + 2 > lineWidth {
                result += ",\n" + String(repeating: " ", count: indent) + suffix
                lastLineLength = indent + suffix.count
            } else {
                result += ", " + suffix
                lastLineLength += suffix.count + 2
            }
        }
        return result + ")"
    }
}
