import Foundation

/// A lesson with one Swift cell's code replaced, as the page's Edit and Run asks for: the other
/// cells keep their text, so the cells before the edited one build the same notebook state.
/// The Markdown file on disk is never touched; the edit lives only in the returned `Lesson`.
enum EditedLesson {
    /// The largest cell source accepted from the page, in bytes.
    static let maxSourceBytes = 64 * 1024

    /// `lesson` with the code of the cell whose fence opens at `line` replaced by `source`.
    /// Fails when there is no such cell, the source is too long, or the new code would change the
    /// lesson's shape (a line that closes the fence, so cells would split or merge).
    static func replacing(cellAt line: Int, with source: String, in lesson: Lesson) throws -> Lesson {
        guard let cell = lesson.cells.first(where: { $0.line == line }) else {
            throw EditError("\(lesson.file) has no Swift cell at line \(line)")
        }
        guard source.utf8.count <= maxSourceBytes else {
            throw EditError("the edited cell is longer than \(maxSourceBytes / 1024) KB")
        }
        let code = normalized(source)
        let indent = String(repeating: " ", count: cell.code.indent)
        var lines = lesson.text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if !lesson.text.hasSuffix("\n") { lines[lines.count - 1].removeLast() } else { lines.removeLast() }
        let firstContent = cell.code.contentLine - 1
        let afterContent = cell.code.isClosed ? cell.code.endLine - 1 : cell.code.endLine
        let newContent = code.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .map { $0.isEmpty ? "\n" : indent + String($0) + "\n" }
        let text = (lines[..<firstContent] + newContent + lines[afterContent...]).joined()

        let edited = LessonParser.parse(text: text, file: lesson.file, absolutePath: lesson.absolutePath).lesson
        let sameShape = edited.cells.count == lesson.cells.count
            && zip(edited.cells, lesson.cells).allSatisfy { $0.attributes == $1.attributes && $0.index == $1.index }
        guard sameShape, edited.cells[cell.index].source == code else {
            throw EditError("the edited code would change the lesson's cells (does a line close the ``` fence?)")
        }
        let problems = LessonPlanner.check(edited)
        guard problems.map(\.message) == LessonPlanner.check(lesson).map(\.message) else {
            throw EditError(problems.map(\.description).joined(separator: "\n"))
        }
        return edited
    }

    /// `source` with "\r\n" turned into "\n" and a final newline, as fence contents are stored.
    static func normalized(_ source: String) -> String {
        let text = source.replacingOccurrences(of: "\r\n", with: "\n")
        return text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    }
}

/// Why an edit from the page cannot run (answered with HTTP 400 and this text).
struct EditError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
