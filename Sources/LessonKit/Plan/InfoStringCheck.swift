/// Warns about fences whose info string is almost one the runner knows (```` ```python torch ````,
/// ```` ```Swift ````, ```` ```ouput ````): such a block is silently shown as plain code and never run
/// or checked.
enum InfoStringCheck {
    static func warnings(in lesson: Lesson) -> [Problem] {
        MarkdownTree.topLevelBlocks(of: lesson.text).compactMap { node in
            guard case .code(let info, _) = node.kind, let suggestion = suggestion(for: info) else { return nil }
            return Problem(file: lesson.file, line: node.startLine, message:
                "the fence '```\(info)' is shown as plain code, never run or checked; did you mean '```\(suggestion)'?")
        }
    }

    /// The info string the author probably meant, or nil when `info` is fine (or not close to one).
    static func suggestion(for info: String) -> String? {
        let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let language = words.first else { return nil }
        let rest = words.dropFirst().joined(separator: " ")
        let lower = language.lowercased()
        if language == "swift" || language == "output" { return nil }
        for known in ["swift", "output"] where lower == known || isNearMiss(lower, known) {
            return ([known] + words.dropFirst()).joined(separator: " ")
        }
        if lower == "python" || isNearMiss(lower, "python") {
            if language == "python" && words.contains("pytorch") { return nil }
            let twinWord = words.dropFirst().contains { $0.lowercased() == "torch" || isNearMiss($0.lowercased(), "pytorch") || $0.lowercased() == "pytorch" }
            return twinWord ? "python pytorch" : nil
        }
        if lower == "pytorch" || lower == "torch" || isNearMiss(lower, "pytorch") {
            return "python pytorch" + (rest.isEmpty ? "" : " " + rest)
        }
        return nil
    }

    /// Whether `word` is one or two edits (insertions, deletions, substitutions, swaps of neighbours)
    /// away from `known`, and long enough for that to mean a typo.
    static func isNearMiss(_ word: String, _ known: String) -> Bool {
        word.count >= 4 && word != known && editDistance(Array(word), Array(known)) <= (known.count > 5 ? 2 : 1)
    }

    /// Optimal-string-alignment distance (Levenshtein with adjacent transpositions).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
