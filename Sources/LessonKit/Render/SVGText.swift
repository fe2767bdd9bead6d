/// Text-level clean-up of SVG documents for embedding inline in a page.
enum SVGText {
    /// `svg` from its `<svg` tag on, without XML comments, with `id="x"` turned into
    /// `id="<prefix>x"` and references `url(#x)` / `href="#x"` following suit.
    static func inlineable(_ svg: String, idPrefix: String) -> String {
        var text = Substring(svg)
        if let start = text.range(of: "<svg") { text = text[start.lowerBound...] }
        var out = removingComments(text)
        out = out.replacingAll("id=\"", with: "id=\"\(idPrefix)")
        out = out.replacingAll("url(#", with: "url(#\(idPrefix)")
        out = out.replacingAll("href=\"#", with: "href=\"#\(idPrefix)")
        while let last = out.last, last.isWhitespace { out.removeLast() }
        return out
    }

    private static func removingComments(_ text: Substring) -> String {
        var out = ""
        var rest = text
        while let open = rest.range(of: "<!--") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "-->") else { rest = ""; break }
            rest = rest[close.upperBound...]
            // Drop the line break that ended the comment's own line.
            if rest.first == "\n" { rest = rest.dropFirst() }
        }
        return out + rest
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (plain text, left to right).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
