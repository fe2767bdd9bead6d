import SwiftParser
import SwiftSyntax

/// Refuses `#sourceLocation` in a cell: the runner places every cell with its own directive so that
/// diagnostics and traps name the Markdown file and line, and a cell's directive would send them to
/// a made-up file or line instead.
enum SourceLocationCheck {
    static func problems(in lesson: Lesson) -> [Problem] {
        lesson.cells.filter { !$0.has(.skip) }.flatMap { cell in
            let tree = Parser.parse(source: cell.source)
            let converter = SourceLocationConverter(fileName: lesson.file, tree: tree)
            return tree.tokens(viewMode: .sourceAccurate).filter { $0.tokenKind == .poundSourceLocation }.map { token in
                let location = converter.location(for: token.positionAfterSkippingLeadingTrivia)
                return Problem(file: lesson.file, line: cell.code.contentLine + location.line - 1,
                               column: cell.code.indent + location.column,
                               message: "#sourceLocation cannot be used in a cell: the runner maps every cell's lines "
                                   + "to the Markdown file itself, and diagnostics must point here")
            }
        }
    }
}
