/// The parts of a lesson file name `NN-slug.md`.
public struct LessonName: Hashable, Sendable {
    /// `NN` as a number; -1 when the name does not start with digits and a dash.
    public let number: Int
    /// The part after `NN-`, without `.md`.
    public let slug: String
    /// The file name without `.md`.
    public let name: String

    /// Reads the last path component of `path`.
    public init(path: String) {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        name = file.hasSuffix(".md") ? String(file.dropLast(3)) : file
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, name.dropFirst(digits.count).first == "-", let number = Int(digits) {
            self.number = number
            slug = String(name.dropFirst(digits.count + 1))
        } else {
            number = -1
            slug = name
        }
    }

    /// Whether the name has the `NN-slug.md` form lessons must have.
    public var isLessonName: Bool { number >= 0 && !slug.isEmpty }
}
