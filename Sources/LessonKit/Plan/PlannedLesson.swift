/// A lesson and the errors that keep it from running (empty when it can run).
public struct PlannedLesson: Hashable, Sendable {
    public var lesson: Lesson
    /// Errors with file:line: unknown attributes, stray output blocks, a duplicate number, bad settings,
    /// a file that is not UTF-8.
    public var problems: [Problem]
    /// Likely mistakes that do not stop the lesson: near-miss info strings (```` ```python torch ````).
    public var warnings: [Problem]

    public init(lesson: Lesson, problems: [Problem], warnings: [Problem] = []) {
        self.lesson = lesson
        self.problems = problems
        self.warnings = warnings
    }

    /// Whether the lesson is free of plan errors and may be compiled and run.
    public var isRunnable: Bool { problems.isEmpty }
}
