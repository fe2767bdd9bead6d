import SwiftParser
import SwiftSyntax

/// Checks with SwiftParser that a cell is a complete, balanced sequence of statements and
/// declarations before the program writer places it inside the runner's own code (`if … {` for
/// `norun` and `should-fail` cells): a cell that parses on its own cannot close a brace the runner
/// opened, nor leave one open, a string or a comment unterminated.
enum CellStructure {
    /// The first syntax error of `cell` at its Markdown line, or nil when the cell parses cleanly.
    static func problem(in cell: Cell, file: String) -> Problem? {
        let tree = Parser.parse(source: cell.source)
        guard tree.hasError else { return nil }
        let finder = FirstSyntaxError(viewMode: .all)
        finder.walk(tree)
        let converter = SourceLocationConverter(fileName: file, tree: tree)
        let location = converter.location(for: finder.position ?? tree.endPosition)
        return Problem(file: file, line: cell.code.contentLine + location.line - 1, column: location.column,
                       message: "a cell must be a complete sequence of Swift statements and declarations: "
                           + (finder.what ?? "it does not parse"))
    }
}

/// Finds the earliest unexpected text or missing token in a syntax tree.
private final class FirstSyntaxError: SyntaxVisitor {
    private(set) var position: AbsolutePosition?
    private(set) var what: String?

    override func visit(_ node: UnexpectedNodesSyntax) -> SyntaxVisitorContinueKind {
        let text = node.trimmedDescription
        record(node.positionAfterSkippingLeadingTrivia,
               "unexpected '\(text.prefix(40))\(text.count > 40 ? "…" : "")'")
        return .skipChildren
    }

    override func visit(_ token: TokenSyntax) -> SyntaxVisitorContinueKind {
        if token.presence == .missing {
            let expected = token.text.isEmpty ? "\(token.tokenKind)" : token.text
            record(token.position, "expected '\(expected)'")
        }
        return .visitChildren
    }

    private func record(_ at: AbsolutePosition, _ description: String) {
        guard position.map({ at < $0 }) ?? true else { return }
        position = at
        what = description
    }
}
