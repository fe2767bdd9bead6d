/// Turns a lesson's Markdown into a `Lesson`: title, cells with their output blocks and PyTorch
/// twins, prose slices between them, and settings. It reports only malformed settings; the
/// planner checks everything else (unknown attributes, stray fences, duplicate numbers).
public enum LessonParser {
    /// Parses `text`, the contents of the lesson at `file` (named `NN-slug.md`).
    public static func parse(text: String, file: String, absolutePath: String) -> (lesson: Lesson, problems: [Problem]) {
        let name = LessonName(path: file)
        let source = SourceLines(text)
        let nodes = MarkdownTree.topLevelBlocks(of: text)
        var title = ""
        var titleLines: ClosedRange<Int>?
        var settings = LessonSettings()
        var problems: [Problem] = []
        var pieces: [(lines: ClosedRange<Int>, block: LessonBlock)] = []
        var cellCount = 0

        for node in nodes {
            switch node.kind {
            case .heading(level: 1, let text) where titleLines == nil:
                title = text
                titleLines = node.startLine...node.endLine
            case .html(let literal):
                problems += SettingsComment.apply(literal, line: node.startLine, file: file, to: &settings)
            case .code(let info, let literal):
                guard let fence = makeFence(info: info, literal: literal, node: node, source: source) else { continue }
                let attached = attach(fence, to: &pieces, previousEnd: pieces.last?.lines.upperBound, node: node, source: source)
                if attached { continue }
                switch fence.kind {
                case .swift:
                    pieces.append((node.startLine...fence.endLine, .cell(makeCell(fence, index: cellCount))))
                    cellCount += 1
                case .output, .pythonTwin:
                    pieces.append((node.startLine...fence.endLine, .stray(fence)))
                }
            default:
                continue
            }
        }

        var blocks: [LessonBlock] = []
        var next = 1
        for piece in pieces {
            blocks += prose(from: next, to: piece.lines.lowerBound - 1, skipping: titleLines, source: source)
            blocks.append(piece.block)
            next = piece.lines.upperBound + 1
        }
        blocks += prose(from: next, to: source.count, skipping: titleLines, source: source)

        let lesson = Lesson(file: file, absolutePath: absolutePath, number: name.number, slug: name.slug,
                            name: name.name, title: title, text: text, blocks: blocks, settings: settings)
        return (lesson, problems)
    }

    /// Classifies a fenced code block; nil for fences the runner leaves to the prose.
    private static func makeFence(info: String, literal: String, node: MarkdownNode, source: SourceLines) -> Fence? {
        let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let language = words.first, let opening = FenceLines(opening: source.line(node.startLine)) else { return nil }
        let kind: FenceKind
        switch language {
        case "swift": kind = .swift
        case "output": kind = .output
        case "python" where words.contains("pytorch"): kind = .pythonTwin
        default: return nil
        }
        let isClosed = node.endLine > node.startLine && opening.isClosing(source.line(node.endLine))
        return Fence(kind: kind, words: Array(words.dropFirst()), content: literal,
                     line: node.startLine, endLine: node.endLine, isClosed: isClosed, indent: opening.indent)
    }

    private static func makeCell(_ fence: Fence, index: Int) -> Cell {
        var attributes = Set<CellAttribute>()
        var unknown: [String] = []
        for word in fence.words {
            if let attribute = CellAttribute(rawValue: word) { attributes.insert(attribute) } else { unknown.append(word) }
        }
        return Cell(index: index, code: fence, attributes: attributes, unknownAttributes: unknown,
                    output: nil, pythonTwin: nil)
    }

    /// Attaches an output or twin fence to the cell right before it (only blank lines between): an
    /// output fence after the cell's code is the cell's, one after its PyTorch twin is the twin's.
    private static func attach(_ fence: Fence, to pieces: inout [(lines: ClosedRange<Int>, block: LessonBlock)],
                               previousEnd: Int?, node: MarkdownNode, source: SourceLines) -> Bool {
        guard fence.kind != .swift, let last = pieces.last, case .cell(var cell) = last.block,
              let previousEnd, (previousEnd + 1..<node.startLine).allSatisfy(source.isBlank) else { return false }
        switch fence.kind {
        case .output where cell.output == nil && cell.pythonTwin == nil: cell.output = fence
        case .output where cell.pythonTwin != nil && cell.twinOutput == nil: cell.twinOutput = fence
        case .pythonTwin where cell.pythonTwin == nil: cell.pythonTwin = fence
        default: return false
        }
        pieces[pieces.count - 1] = (last.lines.lowerBound...fence.endLine, .cell(cell))
        return true
    }

    /// The prose in lines `first...last` minus the title heading, trimmed of blank lines at both ends.
    private static func prose(from first: Int, to last: Int, skipping title: ClosedRange<Int>?,
                              source: SourceLines) -> [LessonBlock] {
        guard first <= last else { return [] }
        if let title, title.overlaps(first...last) {
            return prose(from: first, to: title.lowerBound - 1, skipping: nil, source: source)
                + prose(from: title.upperBound + 1, to: last, skipping: nil, source: source)
        }
        var start = first, end = last
        while start <= end, source.isBlank(start) { start += 1 }
        while end >= start, source.isBlank(end) { end -= 1 }
        guard start <= end else { return [] }
        return [.prose(Prose(markdown: source.slice(start, end), startLine: start, endLine: end))]
    }
}
