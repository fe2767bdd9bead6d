/// The check `--accept` makes before writing: the rewritten text, parsed again, must hold the same
/// title, settings, prose, cells, twins and stray fences as the lesson did, and the same output
/// blocks except that the accepted cells' and twins' blocks now hold the accepted text.
enum AcceptVerifier {
    /// nil when `acceptedText` is `lesson` with only the output texts in `outputs` changed (keyed by
    /// the line of the cell's or twin's opening fence in `lesson`); else the reason, at the first
    /// block that differs.
    static func verify(_ lesson: Lesson, acceptedText: String, outputs: [Int: String]) -> Problem? {
        let reparsed = LessonParser.parse(text: acceptedText, file: lesson.file, absolutePath: lesson.absolutePath).lesson
        let refusal = { (line: Int, what: String) in
            Problem(file: lesson.file, line: line, message:
                "refused to accept: the rewritten file would \(what); the file was not changed")
        }
        guard reparsed.title == lesson.title, reparsed.settings == lesson.settings else {
            return refusal(1, "have another title or other settings")
        }
        let before = lesson.blocks.map { shape($0, outputs: outputs) }
        let after = reparsed.blocks.map { shape($0, outputs: [:]) }
        for (index, (old, new)) in zip(before, after).enumerated() where old != new {
            return refusal(line(of: lesson.blocks[index]), "change the \(old.what) at this line")
        }
        if before.count != after.count {
            let line = before.count > after.count ? line(of: lesson.blocks[after.count]) : 1
            return refusal(line, "have \(after.count) blocks instead of \(before.count)")
        }
        return nil
    }

    /// A block without its line numbers; output contents replaced by `outputs[line of the code fence]`.
    struct Shape: Equatable {
        let what: String
        let parts: [String]
    }

    static func shape(_ block: LessonBlock, outputs: [Int: String]) -> Shape {
        switch block {
        case .prose(let prose):
            return Shape(what: "prose", parts: [prose.markdown])
        case .stray(let fence):
            return Shape(what: "fence", parts: shape(fence))
        case .cell(let cell):
            var parts = shape(cell.code) + shape(output: cell.output, after: cell.code, outputs)
            if let twin = cell.pythonTwin {
                parts += ["twin"] + shape(twin) + shape(output: cell.twinOutput, after: twin, outputs)
            }
            return Shape(what: "cell", parts: parts)
        }
    }

    /// The output block after `code`, with the accepted content when `outputs` has one for it.
    private static func shape(output: Fence?, after code: Fence, _ outputs: [Int: String]) -> [String] {
        let words = output?.words.joined(separator: " ") ?? ""
        if let content = outputs[code.line] {
            return ["output", words, content, "\(output?.indent ?? code.indent)", "closed"]
        }
        guard let output else { return [] }
        return ["output", words, output.content, "\(output.indent)", output.isClosed ? "closed" : "open"]
    }

    private static func shape(_ fence: Fence) -> [String] {
        ["\(fence.kind)", fence.words.joined(separator: " "), fence.content, "\(fence.indent)", fence.isClosed ? "closed" : "open"]
    }

    private static func line(of block: LessonBlock) -> Int {
        switch block {
        case .prose(let prose): prose.startLine
        case .stray(let fence): fence.line
        case .cell(let cell): cell.line
        }
    }
}
