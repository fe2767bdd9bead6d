/// A text split into lines that keep their line endings, addressed by 1-based line numbers.
struct SourceLines {
    /// Line `n` is `lines[n - 1]`, including its "\n" (the last line may lack one).
    let lines: [Substring]

    init(_ text: String) {
        var lines: [Substring] = []
        var start = text.startIndex
        while start < text.endIndex {
            let end = text[start...].firstIndex(of: "\n").map { text.index(after: $0) } ?? text.endIndex
            lines.append(text[start..<end])
            start = end
        }
        self.lines = lines
    }

    var count: Int { lines.count }

    /// Line `n` (1-based) without its line ending; "" past the end.
    func line(_ n: Int) -> Substring {
        guard n >= 1, n <= lines.count else { return "" }
        var line = lines[n - 1]
        while let last = line.last, last == "\n" || last == "\r" { line = line.dropLast() }
        return line
    }

    /// Lines `first...last` joined, each ending in "\n".
    func slice(_ first: Int, _ last: Int) -> String {
        guard first <= last else { return "" }
        return (first...last).map { line($0) + "\n" }.joined()
    }

    func isBlank(_ n: Int) -> Bool { line(n).allSatisfy { $0 == " " || $0 == "\t" } }
}
