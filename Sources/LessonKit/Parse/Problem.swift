/// An error found in a lesson, reported as `file:line:column: error: message`.
public struct Problem: Codable, Hashable, Sendable, Error, CustomStringConvertible {
    /// The path relative to the package root (`Lessons/03-dynamic-net.md`).
    public var file: String
    /// 1-based line in `file`.
    public var line: Int
    /// 1-based column, when known.
    public var column: Int?
    public var message: String

    public init(file: String, line: Int, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        "\(file):\(line):\(column.map { "\($0):" } ?? "") error: \(message)"
    }
}
