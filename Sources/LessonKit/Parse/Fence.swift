/// What a fenced code block is to the runner.
public enum FenceKind: String, Codable, Hashable, Sendable {
    /// ```` ```swift ```` — a cell.
    case swift
    /// ```` ```output ```` — the expected output of the cell (or PyTorch twin) before it.
    case output
    /// ```` ```python pytorch ```` — the PyTorch twin of the cell before it, run by the Python driver.
    case pythonTwin
}

/// One fenced code block as written in the Markdown file.
public struct Fence: Codable, Hashable, Sendable {
    public var kind: FenceKind
    /// The words of the info string after the language word (`["hidden", "should-fail"]`).
    public var words: [String]
    /// The fence's content, every line ending in "\n" ("" when empty).
    public var content: String
    /// The 1-based line of the opening fence (`cmark_node_get_start_line`).
    public var line: Int
    /// The 1-based line of the closing fence, or of the last content line when the fence is never closed.
    public var endLine: Int
    /// Whether the fence has a closing fence line (false when it runs to the end of the document).
    public var isClosed: Bool
    /// The fence's indentation in columns (0 for an unindented fence).
    public var indent: Int

    /// The first line of content (`line + 1`); cells' `#sourceLocation` points here.
    public var contentLine: Int { line + 1 }

    public init(kind: FenceKind, words: [String], content: String, line: Int,
                endLine: Int, isClosed: Bool, indent: Int) {
        self.kind = kind
        self.words = words
        self.content = content
        self.line = line
        self.endLine = endLine
        self.isClosed = isClosed
        self.indent = indent
    }
}
