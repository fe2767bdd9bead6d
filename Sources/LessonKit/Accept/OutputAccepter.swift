import Foundation

/// `--accept`: writes cells' and PyTorch twins' actual output into their output blocks, changing
/// nothing else in the file byte for byte, and adds an output block after a cell or twin that
/// printed something but has none. `...` wildcard lines that still match stay. Before anything is
/// written the new text is parsed again and must give the same blocks with only those output texts
/// changed (`AcceptVerifier`); otherwise the lesson is left as it is and the reason reported.
public enum OutputAccepter {
    /// What accepting changed in one lesson.
    public struct Change: Sendable {
        /// The new text of the lesson file (the old text when accepting was refused).
        public let text: String
        /// Lines of the cells and twins whose output block was rewritten or added.
        public let cellLines: [Int]
        /// Why cells (or the whole file) could not be accepted.
        public let problems: [Problem]
        /// What accepting dropped that the author may want back: wildcard lines that no longer match.
        public let notes: [Problem]
    }

    /// The lesson text with the output of every mismatched cell and twin accepted; nil when nothing
    /// changes.
    public static func accept(_ result: LessonResult) -> Change? {
        let lesson = result.lesson
        let source = SourceLines(lesson.text)
        var lines = source.lines
        let newline = lines.first?.utf8.suffix(2).elementsEqual("\r\n".utf8) == true ? "\r\n" : "\n"
        var changed: [Int] = []
        var outputs: [Int: String] = [:]
        var problems: [Problem] = []
        var notes: [Problem] = []
        // Cells and twins, each with its output block and result; bottom to top, so earlier line numbers stay valid.
        let cells = lesson.cells.map { cell in (code: cell.code, output: cell.output, result: result.cells.first { $0.index == cell.index }) }
        let twins = lesson.twins.map { twin in (code: twin.code, output: twin.output, result: result.twins.first { $0.index == twin.index }) }
        for cell in (cells + twins).sorted(by: { $0.code.line > $1.code.line }) {
            guard let cellResult = cell.result, cellResult.diff != nil else { continue }
            // A twin's actual output keeps the locations it printed (its tab shows them); blocks hold them stable.
            var accepted = OutputText.lines(OutputLocations.stable(cellResult.actual, in: lesson))
            if let output = cell.output {
                guard output.isClosed else {
                    problems.append(Problem(file: lesson.file, line: output.line, message:
                        "cannot accept into an output block without a closing fence (it runs to line \(output.endLine)); close it first"))
                    continue
                }
                if let swallowed = SwallowedFenceCheck.line(in: output, source: source) {
                    var problem = SwallowedFenceCheck.problem(output, swallowed: swallowed, source: source, file: lesson.file)
                    problem.message = "cannot accept: " + problem.message
                    problems.append(problem)
                    continue
                }
                let alignment = OutputAlignment(pattern: OutputText.lines(output.content), actual: accepted)
                accepted = alignment.acceptedLines
                for index in alignment.droppedWildcards {
                    notes.append(Problem(file: lesson.file, line: output.contentLine + index, message:
                        "dropped the wildcard line '\(alignment.pattern[index])': it matches nothing in the new output"))
                }
            }
            if let problem = closesFence(accepted, output: cell.output, source: source, file: lesson.file) {
                problems.append(problem)
                continue
            }
            if let output = cell.output {
                lines.replaceSubrange(output.line..<(output.endLine - 1),
                                      with: indented(accepted, String(repeating: " ", count: output.indent), newline))
            } else if cell.code.isClosed {
                let fence = String(repeating: "`", count: max(3, longestBacktickRun(accepted) + 1))
                let pad = String(repeating: " ", count: cell.code.indent)
                let end = cell.code.endLine
                if !SourceLines.hasLineEnding(lines[end - 1]) { lines[end - 1] += newline }
                let block = [newline, pad + fence + "output" + newline] + indented(accepted, pad, newline) + [pad + fence + newline]
                lines.insert(contentsOf: block, at: end)
            } else {
                continue
            }
            outputs[cell.code.line] = accepted.map { $0 + "\n" }.joined()
            changed.append(cell.code.line)
        }
        guard !changed.isEmpty || !problems.isEmpty else { return nil }
        let text = lines.joined()
        if let refusal = AcceptVerifier.verify(lesson, acceptedText: text, outputs: outputs) {
            return Change(text: lesson.text, cellLines: [], problems: problems.reversed() + [refusal], notes: [])
        }
        return Change(text: text, cellLines: changed.reversed(), problems: problems.reversed(), notes: notes.reversed())
    }

    /// Writes `text` to `url` atomically (a temporary file in the same folder, then rename(2)),
    /// after checking that the file still holds `original`, the text the lesson was parsed from.
    public static func write(_ text: String, to url: URL, replacing original: String) throws {
        guard let current = try? Data(contentsOf: url), current == Data(original.utf8) else {
            throw RunnerError("\(url.path) changed while its lesson ran; nothing was accepted (run the command again)")
        }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).accept-\(getpid())")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw RunnerError("cannot replace \(url.path): \(reason)")
        }
    }

    /// A problem when one of `lines` would close the existing output fence early.
    private static func closesFence(_ lines: [String], output: Fence?, source: SourceLines, file: String) -> Problem? {
        guard let output, let opening = FenceLines(opening: source.line(output.line)),
              lines.contains(where: { opening.isClosing(Substring($0)) }) else { return nil }
        return Problem(file: file, line: output.line, message: "cannot accept output holding a line that closes the fence")
    }

    /// The lines as block content indented by `pad` (blank lines stay empty).
    private static func indented(_ lines: [String], _ pad: String, _ newline: String) -> [String] {
        lines.map { ($0.isEmpty ? "" : pad) + $0 + newline }
    }

    private static func longestBacktickRun(_ lines: [String]) -> Int {
        lines.map { line in line.split(omittingEmptySubsequences: true) { $0 != "`" }.map(\.count).max() ?? 0 }.max() ?? 0
    }
}
