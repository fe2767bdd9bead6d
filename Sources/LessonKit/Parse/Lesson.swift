/// One Markdown lesson: `Lessons/NN-slug.md`, its title, and its blocks in document order.
public struct Lesson: Codable, Hashable, Sendable {
    /// The path shown in messages, relative to the package root (`Lessons/03-dynamic-net.md`).
    public var file: String
    /// The file's absolute path on disk.
    public var absolutePath: String
    /// The lesson number from the file name (`03` → 3); lessons run and are listed in this order.
    public var number: Int
    /// The file name without number and extension (`dynamic-net`).
    public var slug: String
    /// The file name without extension (`03-dynamic-net`).
    public var name: String
    /// The text of the first `#` heading ("" when there is none).
    public var title: String
    /// The whole Markdown text of the file.
    public var text: String
    /// Prose, cells and stray fences in document order. The title heading is not part of any prose block.
    public var blocks: [LessonBlock]
    /// Per-lesson settings from `<!-- lessons: key=value -->` comments.
    public var settings: LessonSettings

    /// The Swift cells in document order; `cells[i].index == i`.
    public var cells: [Cell] {
        blocks.compactMap { if case .cell(let cell) = $0 { cell } else { nil } }
    }

    public init(file: String, absolutePath: String, number: Int, slug: String, name: String,
                title: String, text: String, blocks: [LessonBlock], settings: LessonSettings) {
        self.file = file
        self.absolutePath = absolutePath
        self.number = number
        self.slug = slug
        self.name = name
        self.title = title
        self.text = text
        self.blocks = blocks
        self.settings = settings
    }
}

/// A top-level piece of a lesson.
public enum LessonBlock: Codable, Hashable, Sendable {
    /// Markdown between cells, kept as a source slice for the renderer.
    case prose(Prose)
    /// A Swift cell with its output block and PyTorch twin, if any.
    case cell(Cell)
    /// An `output` or `python pytorch` fence with no Swift cell right before it (a plan error).
    case stray(Fence)
}

/// A slice of the lesson's Markdown source holding no cell: paragraphs, headings, lists, other fences.
public struct Prose: Codable, Hashable, Sendable {
    /// The Markdown source of lines `startLine...endLine`, each line ending in "\n".
    public var markdown: String
    /// First line (1-based) of the slice in the lesson file.
    public var startLine: Int
    /// Last line (1-based, inclusive) of the slice.
    public var endLine: Int

    public init(markdown: String, startLine: Int, endLine: Int) {
        self.markdown = markdown
        self.startLine = startLine
        self.endLine = endLine
    }
}
