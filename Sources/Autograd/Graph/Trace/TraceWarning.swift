import Foundation

/// A value the trace froze into the graph as a constant: a tensor read into a Swift number
/// (`item()`, a comparison used by an `if`) or a random draw. Replaying the trace reuses the
/// frozen value, so control flow that depended on it is fixed.
///
/// The description names the value, the frozen result and the source line, e.g.
/// `depth fixed at 2: random draw at Lessons/04-dynamic-networks.md:31`.
public struct TraceWarning: CustomStringConvertible, Equatable {
    /// Why the value was frozen.
    public enum Kind: String, Equatable {
        /// A tensor was read into a Swift value.
        case read = "value read from a tensor"
        /// A random number or tensor was drawn.
        case randomDraw = "random draw"
    }

    /// Why the value was frozen.
    public let kind: Kind
    /// What was frozen: the Swift name it was bound to (`depth`) when the source line binds
    /// one, else the call (`randint(0, 4)`, `item() of 'sum_7'`).
    public let what: String
    /// The frozen value as text.
    public let value: String
    /// Source file of the read or draw (as given by `#filePath` or `#sourceLocation`).
    public let file: String
    /// Source line of the read or draw.
    public let line: Int

    public var description: String {
        "\(what) fixed at \(value): \(kind.rawValue) at \(displayPath(file)):\(line)"
    }
}

/// Finds the Swift name a source line binds (`let depth = Tensor.randint(0, 4)` → `depth`), so
/// a warning can speak of `depth` rather than of `randint(0, 4)`. Files are read once each.
final class SourceLines {
    private var files: [String: [Substring]] = [:]
    /// `let name =` or `var name: Type =`, the name captured (a literal: checked when compiled).
    private static let binding = #/\b(?:let|var)\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=]*)?=/#.wordBoundaryKind(.simple)

    /// The name bound on `line` of `file`, if the file can be read and the line binds one.
    func boundName(file: String, line: Int) -> String? {
        if files[file] == nil {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            files[file] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let lines = files[file], line >= 1, line <= lines.count else { return nil }
        return lines[line - 1].firstMatch(of: Self.binding).map { String($0.1) }
    }
}
