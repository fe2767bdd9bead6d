import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Highlights Swift source as HTML using swift-syntax's classification of the parsed tree.
///
/// Every classified range becomes `<span class="tok-KIND">…</span>` around its HTML-escaped text;
/// unclassified text (whitespace, punctuation) is only escaped. The output has no trailing newline.
/// With ``APILinks``, a name of an Autograd symbol also links to its API page.
public enum SwiftHighlighter {
    /// Returns `source` as escaped HTML with classification spans; names that `links` resolves are
    /// wrapped in `<a class="api-link">` (hrefs relative to the site root).
    public static func html(_ source: String, links: APILinks? = nil) -> String {
        let tree = Parser.parse(source: source)
        let bytes = Array(source.utf8)
        var out = ""
        for classified in tree.classifications {
            let start = max(0, min(bytes.count, classified.range.lowerBound.utf8Offset))
            let end = max(start, min(bytes.count, classified.range.upperBound.utf8Offset))
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            let kind = cssClass(classified.kind, text: text)
            let html = HTMLEscape.tokenSpans(HTMLEscape.text(text), kind: kind)
            if let links, kind == "type" || kind == "identifier", !isDeclaredName(bytes, before: start),
               let path = links.path(for: text, isMember: previousCharacter(bytes, before: start) == UInt8(ascii: ".")) {
                out += "<a class=\"api-link\" href=\"\(path)\">\(html)</a>"
            } else {
                out += html
            }
        }
        while out.hasSuffix("\n") { out.removeLast() }
        return out
    }

    /// The last character before `offset` that is not a space or tab.
    private static func previousCharacter(_ bytes: [UInt8], before offset: Int) -> UInt8? {
        bytes[..<offset].last { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
    }

    /// Whether the word before `offset` declares the name that starts there (`let linear = …`,
    /// `func forward`, `class DynamicNet`): a program's own name is not the library's symbol.
    private static func isDeclaredName(_ bytes: [UInt8], before offset: Int) -> Bool {
        var end = offset
        while end > 0, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        var start = end
        while start > 0, (bytes[start - 1] >= UInt8(ascii: "a") && bytes[start - 1] <= UInt8(ascii: "z")) { start -= 1 }
        let word = String(decoding: bytes[start..<end], as: UTF8.self)
        return ["let", "var", "func", "class", "struct", "enum", "case", "protocol", "typealias"].contains(word)
    }

    /// The CSS class suffix for a classification, or nil for text that is not colored.
    ///
    /// swift-syntax classifies a name in expression position (`Tensor(…)`, `Linear.init`) as a plain
    /// identifier; such a name is shown as a type when it follows the Swift naming convention for
    /// types (see `looksLikeTypeName`).
    static func cssClass(_ kind: SyntaxClassification, text: String) -> String? {
        switch kind {
        case .keyword: return "keyword"
        case .identifier, .dollarIdentifier:
            return looksLikeTypeName(text) ? "type" : "identifier"
        case .type: return "type"
        case .stringLiteral, .regexLiteral: return "string"
        case .integerLiteral, .floatLiteral: return "number"
        case .lineComment, .blockComment, .docLineComment, .docBlockComment: return "comment"
        case .attribute: return "attribute"
        case .ifConfigDirective: return "directive"
        case .operator: return "operator"
        case .argumentLabel: return "label"
        case .editorPlaceholder: return "placeholder"
        case .none: return nil
        }
    }

    /// Capitalised and either mixed-case (`Tensor`, `DynamicNet`) or an acronym of three or more
    /// letters (`SGD`, `MLP`); short capitals such as the math-style variables `L`, `W1` are not types.
    static func looksLikeTypeName(_ name: String) -> Bool {
        guard let first = name.first, first.isUppercase else { return false }
        return name.contains { $0.isLowercase } || name.filter(\.isLetter).count >= 3
    }
}
