import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Highlights Swift source as HTML using swift-syntax's classification of the parsed tree.
///
/// Every classified range becomes `<span class="tok-KIND">…</span>` around its HTML-escaped text;
/// unclassified text (whitespace, punctuation) is only escaped. The output has no trailing newline.
public enum SwiftHighlighter {
    /// Returns `source` as escaped HTML with classification spans.
    public static func html(_ source: String) -> String {
        let tree = Parser.parse(source: source)
        let bytes = Array(source.utf8)
        var out = ""
        for classified in tree.classifications {
            let start = max(0, min(bytes.count, classified.range.lowerBound.utf8Offset))
            let end = max(start, min(bytes.count, classified.range.upperBound.utf8Offset))
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            let kind = cssClass(classified.kind, text: text)
            out += HTMLEscape.tokenSpans(HTMLEscape.text(text), kind: kind)
        }
        while out.hasSuffix("\n") { out.removeLast() }
        return out
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
