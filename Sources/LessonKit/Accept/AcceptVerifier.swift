/// The check `--accept` makes before writing: the rewritten text, parsed again, must hold the same
/// title, settings, prose, cells, twins and stray fences as the lesson did, and the same output
/// blocks except that the accepted cells' blocks now hold the accepted text.
enum AcceptVerifier {
    /// nil when `acceptedText` is `lesson` with only the output texts in `outputs` (cell index →
    /// block content) changed; else the reason, at the first block that differs.
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

    /// A block without its line numbers; a cell's output content replaced by `outputs[cell.index]`.
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
            var parts = shape(cell.code)
            if let content = outputs[cell.index] {
                let indent = cell.output?.indent ?? cell.code.indent
                parts += ["output", cell.output?.words.joined(separator: " ") ?? "", content, "\(indent)", "closed"]
            } else if let output = cell.output {
                parts += ["output", output.words.joined(separator: " "), output.content, "\(output.indent)",
                      output.isClosed ? "closed" : "open"]
            }
            if let twin = cell.pythonTwin { parts += ["twin"] + shape(twin) }
            return Shape(what: "cell", parts: parts)
        }
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
