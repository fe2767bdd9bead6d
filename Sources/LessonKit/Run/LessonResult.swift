/// The outcome of running (or loading from the cache) one lesson.
public struct LessonResult: Codable, Hashable, Sendable {
    /// The lesson as parsed.
    public var lesson: Lesson
    /// One result per cell, `cells[i]` for `lesson.cells[i]`.
    public var cells: [CellResult]
    /// One result per PyTorch twin, `twins[i]` for `lesson.twins[i]` (skipped when twins are off).
    public var twins: [CellResult]
    /// The `torch.__version__` the twins ran with; nil when they did not run.
    public var torchVersion: String?
    /// Lesson-level errors with file:line: plan errors, compile errors, crashes, a timeout.
    public var problems: [Problem]
    /// Compiler warnings in the lesson's cells, with their Markdown file:line:column (not failures).
    public var warnings: [Problem]
    /// Whether the results came from `.lessons-cache/` (nothing compiled or run).
    public var fromCache: Bool
    /// Seconds spent compiling and running (0 for a cached result).
    public var seconds: Double

    public init(lesson: Lesson, cells: [CellResult], twins: [CellResult] = [], torchVersion: String? = nil,
                problems: [Problem], warnings: [Problem] = [], fromCache: Bool, seconds: Double) {
        self.lesson = lesson
        self.cells = cells
        self.twins = twins
        self.torchVersion = torchVersion
        self.problems = problems
        self.warnings = warnings
        self.fromCache = fromCache
        self.seconds = seconds
    }

    /// Cells and twins the doc-test counts as passed.
    public var passedCount: Int { (cells + twins).filter(\.status.isSuccess).count }
    /// Cells and twins the doc-test counts as failed.
    public var failedCount: Int { cells.count + twins.count - passedCount }
    /// True when every cell passed and there is no problem.
    public var succeeded: Bool { failedCount == 0 && problems.isEmpty }
}
