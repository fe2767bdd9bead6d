/// A text split into lines that keep their line endings, addressed by 1-based line numbers.
/// Splits on "\n" bytes, so "\r\n" (one Character in Swift) ends a line too.
struct SourceLines {
    /// Line `n` is `lines[n - 1]`, including its "\n" or "\r\n" (the last line may lack one).
    let lines: [String]

    init(_ text: String) {
        var lines: [String] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            lines.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = end
        }
        self.lines = lines
    }

    var count: Int { lines.count }

    /// Line `n` (1-based) without its line ending; "" past the end.
    func line(_ n: Int) -> Substring {
        guard n >= 1, n <= lines.count else { return "" }
        return Substring(Self.withoutLineEnding(lines[n - 1]))
    }

    /// Lines `first...last` joined, each ending in "\n".
    func slice(_ first: Int, _ last: Int) -> String {
        guard first <= last else { return "" }
        return (first...last).map { line($0) + "\n" }.joined()
    }

    func isBlank(_ n: Int) -> Bool { line(n).allSatisfy { $0 == " " || $0 == "\t" } }

    /// `line` without a trailing "\n", "\r\n" or "\r".
    static func withoutLineEnding(_ line: String) -> String {
        var scalars = Substring(line).unicodeScalars
        while let last = scalars.last, last == "\n" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }

    /// Whether `line` ends with a line ending.
    static func hasLineEnding(_ line: String) -> Bool { line.utf8.last == 0x0A }
}
