/// HTML escaping for text placed in element content or attribute values.
public enum HTMLEscape {
    /// Escapes `&`, `<`, `>`, `"` and `'` so `text` shows literally in HTML.
    public static func text(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Escaped text as a highlighted token: a `<span class="tok-KIND">` around each of its lines
    /// (so no span crosses a line break); the text as it is when `kind` is nil.
    static func tokenSpans(_ escaped: String, kind: String?) -> String {
        guard let kind, !escaped.isEmpty else { return escaped }
        return escaped.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "<span class=\"tok-\(kind)\">\($0)</span>" }
            .joined(separator: "\n")
    }
}
