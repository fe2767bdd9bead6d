import Foundation

/// `--accept`: writes cells' and PyTorch twins' actual output into their output blocks, changing
/// nothing else in the file byte for byte, and adds an output block after a cell or twin that
/// printed something but has none.
public enum OutputAccepter {
    /// What accepting changed in one lesson.
    public struct Change: Sendable {
        /// The new text of the lesson file.
        public let text: String
        /// Lines of the cells and twins whose output block was rewritten or added.
        public let cellLines: [Int]
        /// Cells that could not be accepted (their output would close the fence).
        public let problems: [Problem]
    }

    /// The lesson text with the output of every mismatched cell accepted; nil when nothing changes.
    public static func accept(_ result: LessonResult) -> Change? {
        let lesson = result.lesson
        var lines = SourceLines(lesson.text).lines
        let newline = lines.first?.utf8.suffix(2).elementsEqual("\r\n".utf8) == true ? "\r\n" : "\n"
        var changed: [Int] = []
        var problems: [Problem] = []
        // Cells and twins, each with its output block and result; bottom to top, so earlier line numbers stay valid.
        let cells = lesson.cells.map { cell in (code: cell.code, output: cell.output, result: result.cells.first { $0.index == cell.index }) }
        let twins = lesson.twins.map { twin in (code: twin.code, output: twin.output, result: result.twins.first { $0.index == twin.index }) }
        for cell in (cells + twins).sorted(by: { $0.code.line > $1.code.line }) {
            guard let cellResult = cell.result, cellResult.diff != nil else { continue }
            let actual = OutputText.lines(cellResult.actual)
            // The actual lines as block content indented by `pad` (blank lines stay empty).
            func body(_ pad: String) -> [String] { actual.map { (($0.isEmpty ? "" : pad) + $0) + newline } }
            if let output = cell.output {
                let opening = FenceLines(opening: Substring(SourceLines.withoutLineEnding(lines[output.line - 1])))
                if let opening, actual.contains(where: { opening.isClosing(Substring($0)) }) {
                    problems.append(Problem(file: lesson.file, line: output.line,
                                            message: "cannot accept output holding a line that closes the fence"))
                    continue
                }
                let last = output.isClosed ? output.endLine - 1 : output.endLine
                lines.replaceSubrange(output.line..<max(last, output.line),
                                      with: body(String(repeating: " ", count: output.indent)))
            } else if cell.code.isClosed {
                let fence = String(repeating: "`", count: max(3, longestBacktickRun(actual) + 1))
                let pad = String(repeating: " ", count: cell.code.indent)
                let end = cell.code.endLine
                if !SourceLines.hasLineEnding(lines[end - 1]) { lines[end - 1] += newline }
                let block = [newline, pad + fence + "output" + newline] + body(pad) + [pad + fence + newline]
                lines.insert(contentsOf: block, at: end)
            } else {
                continue
            }
            changed.append(cell.code.line)
        }
        guard !changed.isEmpty || !problems.isEmpty else { return nil }
        return Change(text: lines.joined(), cellLines: changed.reversed(), problems: problems)
    }

    /// Writes `text` to `url` atomically: a temporary file in the same folder, then rename(2).
    public static func write(_ text: String, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).accept-\(getpid())")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw RunnerError("cannot replace \(url.path): \(reason)")
        }
    }

    private static func longestBacktickRun(_ lines: [String]) -> Int {
        lines.map { line in line.split(omittingEmptySubsequences: true) { $0 != "`" }.map(\.count).max() ?? 0 }.max() ?? 0
    }
}
