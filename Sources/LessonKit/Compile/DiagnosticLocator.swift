import Foundation

/// Moves every diagnostic of a generated lesson program to the Markdown file. Lines inside a cell
/// already carry Markdown locations (`#sourceLocation`); a diagnostic on a generated line after a
/// cell (`expected '}'` at the end of the program when a cell leaves a `{` open) goes to the cell's
/// last line, anything in the runner's own code to the first cell, and notes about the runner's
/// code are dropped. Paths of other files are shown relative to the package root.
struct DiagnosticLocator {
    /// The path swiftc was given for the generated program.
    let programPath: String
    let lesson: Lesson
    let packageRoot: URL
    /// Generated line → Markdown line, for generated lines after a cell's code.
    private let cellEnds: [(generatedLine: Int, markdownLine: Int)]

    init(program: String, programPath: String, lesson: Lesson, packageRoot: URL) {
        self.programPath = programPath
        self.lesson = lesson
        self.packageRoot = packageRoot
        var ends: [(Int, Int)] = []
        var open: (directive: Int, first: Int)?
        for (index, line) in program.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#sourceLocation(file:"), let number = Self.lineArgument(trimmed) {
                open = (index + 1, number)
            } else if trimmed == "#sourceLocation()", let cell = open {
                // The cell's lines are directive+1 ..< this line; its last Markdown line is first + count - 1.
                ends.append((index + 1, cell.first + max(0, index + 1 - cell.directive - 2)))
                open = nil
            }
        }
        cellEnds = ends
    }

    func locate(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<String>()
        return diagnostics.compactMap { diagnostic in
            var located = diagnostic
            if isGenerated(diagnostic.file) {
                if let note = diagnostic.notes.first(where: { $0.file == lesson.file }) {
                    // `expected '}'` at the program's end: the note names the '{' left open.
                    located = Diagnostic(file: note.file, line: note.line, column: note.column,
                                         severity: diagnostic.severity, message: "\(diagnostic.message); \(note.message)")
                    located.excerpt = note.excerpt
                    located.notes = diagnostic.notes.filter { $0 != note }
                } else {
                    located.excerpt = []
                    located.file = lesson.file
                    located.line = cellEnd(after: diagnostic.line) ?? lesson.cells.first?.code.contentLine ?? 1
                    located.column = 1
                }
            }
            located.notes = located.notes.filter { !isGenerated($0.file) }.map { note in
                var note = note
                if note.file.hasPrefix("/") {
                    note.file = LessonPlanner.relativePath(of: URL(fileURLWithPath: note.file), to: packageRoot)
                }
                return note
            }
            located = indented(located)
            located.notes = located.notes.map(indented)
            // One report per place and message (swiftc may repeat a warning for each program it checks).
            let key = "\(located.file):\(located.line):\(located.column):\(located.severity):\(located.message)"
            return seen.insert(key).inserted ? located : nil
        }
    }

    /// `diagnostic` with its column counted in the Markdown line: the code of an indented fence
    /// starts after the fence's indentation, which the cell's source does not hold.
    private func indented(_ diagnostic: Diagnostic) -> Diagnostic {
        guard diagnostic.file == lesson.file, diagnostic.column > 0,
              let cell = lesson.cells.first(where: { $0.code.contentLine <= diagnostic.line && diagnostic.line < $0.code.endLine }),
              cell.code.indent > 0 else { return diagnostic }
        var moved = diagnostic
        moved.column += cell.code.indent
        return moved
    }

    /// Whether `file` is the generated program (or another file of its build folder).
    private func isGenerated(_ file: String) -> Bool {
        file == programPath || URL(fileURLWithPath: file).deletingLastPathComponent().path
            == URL(fileURLWithPath: programPath).deletingLastPathComponent().path
    }

    /// The Markdown line of the last cell that ends before generated line `line`.
    private func cellEnd(after line: Int) -> Int? {
        cellEnds.last { $0.generatedLine < line }?.markdownLine
    }

    /// `N` of `#sourceLocation(file: "…", line: N)`.
    private static func lineArgument(_ directive: String) -> Int? {
        guard let range = directive.range(of: "line:", options: .backwards) else { return nil }
        return Int(directive[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " )")))
    }
}
