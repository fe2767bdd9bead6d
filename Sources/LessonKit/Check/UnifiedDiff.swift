/// A unified diff of an output block against what the cell printed, aware of `...` wildcards: a
/// wildcard that matched is context (with the lines it stood for counted on the actual side), never
/// a removed line, and a line with `...` inside that matched is context too.
enum UnifiedDiff {
    /// The diff. The `---` header names the block's first content line in the Markdown file
    /// (`Lessons/07-debugging.md:230`), or says there is no block when `firstLine` is nil; hunk
    /// headers count lines from 1 within the block (`-`) and within the actual output (`+`). Up to
    /// 3 lines of context around each change.
    static func diff(expected: [String], actual: [String], file: String, firstLine: Int?) -> String {
        let rows = self.rows(OutputAlignment(pattern: expected, actual: actual))
        let source = firstLine.map { "expected, from \(file):\($0)" } ?? "expected: nothing (there is no output block)"
        var text = "--- \(source)\n+++ actual\n"
        var index = 0
        while index < rows.count {
            guard let change = rows[index...].firstIndex(where: { $0.kind != " " }) else { break }
            var hunkEnd = change
            var lastChange = change
            while hunkEnd < rows.count, hunkEnd - lastChange <= 6 {
                if rows[hunkEnd].kind != " " { lastChange = hunkEnd }
                hunkEnd += 1
            }
            let hunk = rows[max(index, change - 3)..<min(rows.count, lastChange + 4)]
            let oldCount = hunk.reduce(0) { $0 + $1.oldLines }, newCount = hunk.reduce(0) { $0 + $1.newLines }
            let first = hunk.first!
            text += "@@ -\(range(first.old, oldCount)) +\(range(first.new, newCount)) @@\n"
            for row in hunk { text += "\(row.kind)\(row.text)\n" }
            index = hunk.endIndex
        }
        return text
    }

    /// One printed diff line and the expected and actual lines before it and under it.
    struct Row {
        /// " " context, "-" only expected, "+" only actual.
        let kind: Character
        let text: String
        let old: Int, new: Int
        let oldLines: Int, newLines: Int
    }

    static func rows(_ alignment: OutputAlignment) -> [Row] {
        var rows: [Row] = []
        var old = 0, new = 0
        for step in alignment.steps {
            let row: Row
            switch step {
            case .matched(let p, _):
                row = Row(kind: " ", text: alignment.pattern[p], old: old, new: new, oldLines: 1, newLines: 1)
            case .wildcard(let p, let lines):
                row = Row(kind: " ", text: alignment.pattern[p], old: old, new: new, oldLines: 1, newLines: lines.count)
            case .expectedOnly(let p):
                row = Row(kind: "-", text: alignment.pattern[p], old: old, new: new, oldLines: 1, newLines: 0)
            case .actualOnly(let a):
                row = Row(kind: "+", text: alignment.actual[a], old: old, new: new, oldLines: 0, newLines: 1)
            }
            rows.append(row)
            old += row.oldLines
            new += row.newLines
        }
        return rows
    }

    /// `start,count` as unified diffs write it: 1-based, and the line before an empty range.
    private static func range(_ before: Int, _ count: Int) -> String {
        "\(count == 0 ? before : before + 1),\(count)"
    }
}
