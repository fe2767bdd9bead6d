/// Writes the Swift program for a lesson: the prologue, then each cell between a marker call and
/// `#sourceLocation` lines, so diagnostics and traps name the Markdown file and line.
enum ProgramWriter {
    /// The lesson's program: every cell but `skip` and `compile-fail` ones. `norun` cells are
    /// compiled inside a branch never taken; `should-fail` cells run in a forked child.
    static func program(for lesson: Lesson) -> String {
        var text = Prologue.source
        for cell in lesson.cells where !cell.has(.skip) && !cell.has(.compileFail) {
            text += section(for: cell, file: lesson.file)
        }
        return text + "_lessonkitEnd()\n"
    }

    /// The program that checks a `compile-fail` cell: the cells the lesson program holds that come
    /// before it, then the cell itself.
    static func compileFailProgram(for cell: Cell, in lesson: Lesson) -> String {
        var text = Prologue.source
        for earlier in lesson.cells[..<cell.index] where !earlier.has(.skip) && !earlier.has(.compileFail) {
            text += section(for: earlier, file: lesson.file)
        }
        return text + "_lessonkitBegin(\(cell.index))\n" + located(cell, file: lesson.file)
    }

    private static func section(for cell: Cell, file: String) -> String {
        let begin = "_lessonkitBegin(\(cell.index))\n"
        if cell.has(.norun) {
            return begin + "if _lessonkitNever() {\n" + located(cell, file: file) + "}\n"
        }
        if cell.has(.shouldFail) {
            return begin + "if _lessonkitFork() {\n" + located(cell, file: file) + "_lessonkitSurvived()\n}\n"
        }
        return begin + located(cell, file: file)
    }

    /// The cell's code between `#sourceLocation` lines pointing at its first line in the lesson.
    private static func located(_ cell: Cell, file: String) -> String {
        "#sourceLocation(file: \(stringLiteral(file)), line: \(cell.code.contentLine))\n"
            + cell.source + "#sourceLocation()\n"
    }

    /// A Swift string literal for `text` with quotes, backslashes and control characters escaped.
    static func stringLiteral(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                literal += "\\u{\(String(scalar.value, radix: 16))}"
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }
}
