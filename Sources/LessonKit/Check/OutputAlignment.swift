/// Lines up an output block (a pattern: literal lines, lines with `...` inside, and `...` lines
/// that stand for any number of lines) with what a cell printed, keeping as many pattern lines as
/// possible. The `...`-aware diff and `--accept` both read it: a wildcard that still matches is
/// context in the diff and stays in the accepted block.
struct OutputAlignment {
    /// One step of the alignment.
    enum Step: Equatable {
        /// Pattern line `pattern` (literal, or with `...` inside) matched actual line `actual`.
        case matched(pattern: Int, actual: Int)
        /// The `...` line `pattern` stood for the actual lines `actual` (possibly none).
        case wildcard(pattern: Int, actual: Range<Int>)
        /// Pattern line `pattern` matched nothing.
        case expectedOnly(pattern: Int)
        /// Actual line `actual` matched no pattern line.
        case actualOnly(actual: Int)
    }

    let pattern: [String]
    let actual: [String]
    let steps: [Step]

    /// Aligns normalized pattern lines with normalized actual lines (see `OutputText.lines`), with
    /// the fewest unmatched lines on either side.
    init(pattern: [String], actual: [String]) {
        self.pattern = pattern
        self.actual = actual
        let m = pattern.count, n = actual.count
        let isWildcard = pattern.map(Self.isWildcardLine)
        // cost[i][j]: the fewest unmatched lines aligning pattern[i...] with actual[j...].
        var cost = [[Int]](repeating: [Int](repeating: 0, count: n + 1), count: m + 1)
        for i in stride(from: m, through: 0, by: -1) {
            for j in stride(from: n, through: 0, by: -1) {
                if i == m { cost[i][j] = n - j; continue }
                if isWildcard[i] {
                    cost[i][j] = j < n ? min(cost[i + 1][j], cost[i][j + 1]) : cost[i + 1][j]
                    continue
                }
                var best = 1 + cost[i + 1][j]
                if j < n {
                    best = min(best, 1 + cost[i][j + 1])
                    if OutputMatcher.lineMatches(pattern[i], actual[j]) { best = min(best, cost[i + 1][j + 1]) }
                }
                cost[i][j] = best
            }
        }
        var steps: [Step] = []
        var i = 0, j = 0
        while i < m || j < n {
            if i == m {
                steps.append(.actualOnly(actual: j)); j += 1
            } else if isWildcard[i] {
                var end = j
                while end < n, cost[i][end] == cost[i][end + 1], cost[i][end] != cost[i + 1][end] { end += 1 }
                steps.append(.wildcard(pattern: i, actual: j..<end)); i += 1; j = end
            } else if j < n, OutputMatcher.lineMatches(pattern[i], actual[j]), cost[i][j] == cost[i + 1][j + 1] {
                steps.append(.matched(pattern: i, actual: j)); i += 1; j += 1
            } else if cost[i][j] == 1 + cost[i + 1][j] {
                steps.append(.expectedOnly(pattern: i)); i += 1
            } else {
                steps.append(.actualOnly(actual: j)); j += 1
            }
        }
        self.steps = steps
    }

    /// Whether the pattern matches the actual lines as a whole.
    var isMatch: Bool {
        !steps.contains { if case .matched = $0 { false } else if case .wildcard = $0 { false } else { true } }
    }

    /// The output block `--accept` writes: the pattern lines that still match (wildcards included),
    /// with the actual lines in place of the rest.
    var acceptedLines: [String] {
        steps.compactMap { step in
            switch step {
            case .matched(let p, _), .wildcard(let p, _): pattern[p]
            case .expectedOnly: nil
            case .actualOnly(let a): actual[a]
            }
        }
    }

    /// Indexes of pattern lines holding `...` that matched nothing and so leave the block.
    var droppedWildcards: [Int] {
        steps.compactMap { step in
            guard case .expectedOnly(let p) = step, pattern[p].contains("...") else { return nil }
            return p
        }
    }

    /// Whether `line` is a `...` line standing for any number of lines.
    static func isWildcardLine(_ line: String) -> Bool {
        line.trimmingCharacters(in: .whitespaces) == "..."
    }
}
