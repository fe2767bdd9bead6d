/// An error found in a lesson, reported as `file:line:column: error: message`.
public struct Problem: Codable, Hashable, Sendable, Error, CustomStringConvertible {
    /// The path relative to the package root (`Lessons/03-dynamic-net.md`).
    public var file: String
    /// 1-based line in `file`.
    public var line: Int
    /// 1-based column, when known.
    public var column: Int?
    public var message: String
    /// What swiftc printed under a diagnostic, mapped to the Markdown file: the source line, the
    /// caret, a fix-it, and the notes (each `file:line:col: note: …` with its own excerpt).
    public var detail: String?

    public init(file: String, line: Int, column: Int? = nil, message: String, detail: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.detail = detail
    }

    public var description: String { formatted(severity: "error") }

    /// `file:line:column: severity: message`, then the detail lines.
    public func formatted(severity: String) -> String {
        "\(file):\(line):\(column.map { "\($0):" } ?? "") \(severity): \(message)" + (detail.map { "\n" + $0 } ?? "")
    }
}
