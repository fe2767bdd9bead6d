/// Finds output blocks that hold a fence line with an info string (```` ```python pytorch ````): the
/// block's own closing fence is missing, so Markdown ran it on to the next bare ```` ``` ````,
/// swallowing the block in between. The planner warns about it; `--accept` refuses to rewrite it.
enum SwallowedFenceCheck {
    static func warnings(in lesson: Lesson) -> [Problem] {
        let source = SourceLines(lesson.text)
        let outputs = lesson.cells.flatMap { [$0.output, $0.twinOutput].compactMap { $0 } }
        return outputs.compactMap { output in
            line(in: output, source: source).map { problem(output, swallowed: $0, source: source, file: lesson.file) }
        }
    }

    /// The line of the first fence with an info string inside `output`, if any.
    static func line(in output: Fence, source: SourceLines) -> Int? {
        (output.contentLine..<output.endLine).first { line in
            let text = source.line(line)
            guard let fence = FenceLines(opening: text) else { return false }
            let info = text.drop { $0 == " " }.dropFirst(fence.length).trimmingCharacters(in: .whitespaces)
            return !info.isEmpty && !(fence.character == "`" && info.contains("`"))
        }
    }

    static func problem(_ output: Fence, swallowed: Int, source: SourceLines, file: String) -> Problem {
        Problem(file: file, line: output.line, message: "this output block runs over the fence at line \(swallowed) "
            + "('\(source.line(swallowed))'); is its closing fence missing?")
    }
}
