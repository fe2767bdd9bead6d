/// Builds Graphviz DOT text with stable ids in insertion order, so the same program always
/// produces the same picture source (no addresses, no hash-order iteration).
struct DOTWriter {
    private var lines: [String] = []
    private let name: String

    init(name: String) { self.name = name }

    /// Adds a node statement `id [key="value", ...]`.
    mutating func node(_ id: String, _ attributes: [(String, String)], indent: Int = 1) {
        lines.append(String(repeating: "  ", count: indent) + id + DOTWriter.attributeList(attributes))
    }

    /// Adds an edge statement `from -> to [...]`.
    mutating func edge(_ from: String, _ to: String, _ attributes: [(String, String)] = []) {
        lines.append("  \(from) -> \(to)" + DOTWriter.attributeList(attributes))
    }

    /// Adds a `subgraph cluster_<id>` whose box groups the nodes `body` declares.
    mutating func cluster(_ id: String, label: String, _ body: (inout DOTWriter) -> Void) {
        lines.append("  subgraph cluster_\(id) {")
        lines.append("    label=\(DOTWriter.quote(label)); style=\"rounded,dashed\"; color=\"#7a5cc4\"; fontname=\"Helvetica\"; fontsize=10")
        var inner = DOTWriter(name: name)
        body(&inner)
        lines.append(contentsOf: inner.lines.map { "  " + $0 })
        lines.append("  }")
    }

    /// The finished `digraph` text.
    var text: String {
        var out = "digraph \(DOTWriter.quote(name)) {\n"
        out += "  rankdir=TB;\n"
        out += "  node [fontname=\"Helvetica\", fontsize=11];\n"
        out += "  edge [color=\"#555555\"];\n"
        for line in lines { out += line + "\n" }
        return out + "}\n"
    }

    /// A DOT string literal with quotes, backslashes and newlines escaped.
    static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    private static func attributeList(_ attributes: [(String, String)]) -> String {
        attributes.isEmpty ? ";" : " [" + attributes.map { "\($0.0)=\(quote($0.1))" }.joined(separator: ", ") + "];"
    }
}
