import Foundation

/// The text alternative of a picture on a lesson page, read from its SVG: for a Graphviz graph, its
/// node and edge counts and the leaves drawn as shared (`used ×N`); for any other picture, its labels.
enum FigureDescription {
    /// Words for `svg` (an inlineable SVG document).
    static func text(_ svg: String) -> String {
        let nodes = groups(of: "node", in: svg)
        let edges = groups(of: "edge", in: svg)
        guard !nodes.isEmpty else {
            let labels = texts(in: svg)
            let shown = labels.prefix(12).joined(separator: ", ") + (labels.count > 12 ? ", …" : "")
            return "Picture" + (labels.isEmpty ? "" : "; its labels: \(shown)")
        }
        var description = "Graph of \(count(nodes.count, "node")) and "
            + "\(count(edges.count, "edge"))"
        let shared = nodes.map(texts(in:)).filter { $0.last?.hasPrefix("used ×") == true && $0.count > 1 }
        if !shared.isEmpty {
            description += "; shared: " + shared.map { "\($0[0]) (\($0.last!))" }.joined(separator: ", ")
        }
        return description
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// The contents of each Graphviz `<g … class="kind" …>…</g>` group (the sanitizer writes
    /// attributes in name order, so `class` need not be the tag's last attribute).
    private static func groups(of kind: String, in svg: String) -> [Substring] {
        var found: [Substring] = []
        var rest = Substring(svg)
        while let open = rest.range(of: " class=\"\(kind)\""), let tagEnd = rest[open.upperBound...].firstIndex(of: ">") {
            rest = rest[rest.index(after: tagEnd)...]
            let end = rest.range(of: "</g>")?.lowerBound ?? rest.endIndex
            found.append(rest[..<end])
            rest = rest[end...]
        }
        return found
    }

    /// The text of every `<text>` element in `svg`, entities decoded, in document order.
    private static func texts(in svg: Substring) -> [String] {
        var found: [String] = []
        var rest = svg
        while let open = rest.range(of: "<text") {
            rest = rest[open.upperBound...]
            guard let start = rest.firstIndex(of: ">"), let close = rest.range(of: "</text>") else { break }
            let text = DOMText.decodeEntities(String(rest[rest.index(after: start)..<close.lowerBound]))
                .trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { found.append(text) }
            rest = rest[close.upperBound...]
        }
        return found
    }

    private static func texts(in svg: String) -> [String] { texts(in: Substring(svg)) }
}
