/// A picture a cell displayed with `display(dot:)` or `display(svg:)`; it travels beside stdout, not in it.
public enum RichOutput: Codable, Hashable, Sendable {
    /// Graphviz DOT source (the site renders it with `dot -Tsvg`).
    case dot(String)
    /// An SVG document.
    case svg(String)
}

/// How a cell ended, after its output was checked.
public enum CellStatus: String, Codable, Hashable, Sendable {
    /// Ran and printed what its output block says (or nothing, when it has no output block).
    case passed
    /// Printed something else, crashed, timed out, failed to compile, or did not fail as it should.
    case failed
    /// A `should-fail` cell that stopped with the error its output block describes.
    case expectedFailure = "expected-failure"
    /// A `compile-fail` cell whose diagnostic matches its output block.
    case compileFail = "compile-fail"
    /// A `norun` cell: compiled with the lesson, not run.
    case compiledOnly = "compiled-only"
    /// A `skip` cell: shown only.
    case skipped
    /// Never ran because the lesson stopped earlier (crash, timeout or compile error); counts as failed.
    case notReached = "not-reached"

    /// Whether the doc-test counts this cell as passed.
    public var isSuccess: Bool {
        switch self {
        case .passed, .expectedFailure, .compileFail, .compiledOnly, .skipped: true
        case .failed, .notReached: false
        }
    }
}

/// What one cell did.
public struct CellResult: Codable, Hashable, Sendable {
    /// The cell's index in `Lesson.cells`.
    public var index: Int
    /// The line of the cell's opening fence.
    public var line: Int
    public var status: CellStatus
    /// Everything the cell wrote to standard output.
    public var stdout: String
    /// Pictures the cell displayed, in order.
    public var richOutputs: [RichOutput]
    /// The error text: a trap message (`Fatal error: Index out of range`), a compile-fail cell's
    /// diagnostics (`error: cannot find 'x' in scope`), or why the cell failed (timeout, crash).
    public var error: String?
    /// The text the output block is compared with (stdout, then `error` for should-fail and
    /// compile-fail cells); `--accept` writes this into the output block.
    public var actual: String
    /// A unified diff of expected against actual output when they differ.
    public var diff: String?
    /// The Markdown line the error was raised at, when it is known and not the fence's line
    /// (a PyTorch twin's traceback names it).
    public var errorLine: Int?

    public init(index: Int, line: Int, status: CellStatus, stdout: String = "",
                richOutputs: [RichOutput] = [], error: String? = nil, actual: String = "",
                diff: String? = nil) {
        self.index = index
        self.line = line
        self.status = status
        self.stdout = stdout
        self.richOutputs = richOutputs
        self.error = error
        self.actual = actual
        self.diff = diff
    }
}

/// Stored with `actual` only when it differs from `stdout` (for most cells they are the same text,
/// which would otherwise be cached twice).
extension CellResult {
    private enum CodingKeys: String, CodingKey {
        case index, line, status, stdout, richOutputs, error, actual, diff
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let stdout = try container.decode(String.self, forKey: .stdout)
        self.init(index: try container.decode(Int.self, forKey: .index),
                  line: try container.decode(Int.self, forKey: .line),
                  status: try container.decode(CellStatus.self, forKey: .status),
                  stdout: stdout,
                  richOutputs: try container.decode([RichOutput].self, forKey: .richOutputs),
                  error: try container.decodeIfPresent(String.self, forKey: .error),
                  actual: try container.decodeIfPresent(String.self, forKey: .actual) ?? stdout,
                  diff: try container.decodeIfPresent(String.self, forKey: .diff))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(line, forKey: .line)
        try container.encode(status, forKey: .status)
        try container.encode(stdout, forKey: .stdout)
        try container.encode(richOutputs, forKey: .richOutputs)
        try container.encodeIfPresent(error, forKey: .error)
        if actual != stdout { try container.encode(actual, forKey: .actual) }
        try container.encodeIfPresent(diff, forKey: .diff)
    }
}
