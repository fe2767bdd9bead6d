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

    /// Why `svg` is unsafe to embed (scripts, event handlers, foreign HTML, javascript: links), or nil.
    static func unsafeContent(_ svg: String) -> String? {
        let lower = svg.lowercased()
        for marker in ["<script", "<foreignobject", "javascript:", "<iframe", "<object", "<embed"]
        where lower.contains(marker) {
            return "contains \(marker)"
        }
        // An event handler attribute: whitespace, `on` + letters, `=`.
        let chars = Array(lower)
        var i = 0
        while i + 2 < chars.count {
            if chars[i].isWhitespace, chars[i + 1] == "o", chars[i + 2] == "n" {
                var j = i + 3
                while j < chars.count, chars[j].isLetter { j += 1 }
                if j > i + 3, j < chars.count, chars[j] == "=" {
                    return "has an event-handler attribute (\(String(chars[(i + 1)..<j])))"
                }
            }
            i += 1
        }
        return nil
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
