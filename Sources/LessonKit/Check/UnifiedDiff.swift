/// A unified diff between expected and actual lines, from a longest common subsequence.
enum UnifiedDiff {
    /// The diff with `---`/`+++` headers naming `file` and hunks whose expected line numbers start
    /// at `firstLine` (the output block's first content line); up to 3 lines of context.
    static func diff(expected: [String], actual: [String], file: String, firstLine: Int) -> String {
        let edits = script(expected, actual)
        var text = "--- \(file):\(firstLine) (expected)\n+++ actual\n"
        var index = 0
        while index < edits.count {
            guard let change = edits[index...].firstIndex(where: { $0.kind != " " }) else { break }
            var hunkEnd = change
            var lastChange = change
            while hunkEnd < edits.count, hunkEnd - lastChange <= 6 {
                if edits[hunkEnd].kind != " " { lastChange = hunkEnd }
                hunkEnd += 1
            }
            let start = max(index, change - 3)
            let end = min(edits.count, lastChange + 4)
            let hunk = edits[start..<end]
            let oldStart = hunk.first?.old ?? 0, newStart = hunk.first?.new ?? 0
            let oldCount = hunk.filter { $0.kind != "+" }.count, newCount = hunk.filter { $0.kind != "-" }.count
            text += "@@ -\(firstLine + oldStart),\(oldCount) +\(newStart + 1),\(newCount) @@\n"
            for edit in hunk { text += "\(edit.kind)\(edit.text)\n" }
            index = end
        }
        return text
    }

    struct Edit {
        /// " " kept, "-" only expected, "+" only actual.
        let kind: Character
        let text: String
        /// Positions in the expected and actual lines before this edit.
        let old: Int
        let new: Int
    }

    static func script(_ a: [String], _ b: [String]) -> [Edit] {
        var common = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                edits.append(Edit(kind: " ", text: a[i], old: i, new: j)); i += 1; j += 1
            } else if i < a.count, j == b.count || common[i + 1][j] >= common[i][j + 1] {
                edits.append(Edit(kind: "-", text: a[i], old: i, new: j)); i += 1
            } else {
                edits.append(Edit(kind: "+", text: b[j], old: i, new: j)); j += 1
            }
        }
        return edits
    }
}
