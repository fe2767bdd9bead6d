/// Per-lesson settings, written anywhere in the lesson as an HTML comment:
/// `<!-- lessons: timeout=300 -->`.
public struct LessonSettings: Codable, Hashable, Sendable {
    /// Seconds the lesson program may run before it is killed; nil means the runner's default (120 s).
    public var timeout: Double?

    public init(timeout: Double? = nil) {
        self.timeout = timeout
    }
}
