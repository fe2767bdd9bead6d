import Foundation

/// Compares expected output (from an output block) with actual output, line by line after
/// normalizing both: a line holding only `...` matches any number of lines (none included), and
/// `...` inside a line matches any text within that line.
public enum OutputMatcher {
    /// Whether `actual` matches the pattern `expected`.
    public static func matches(expected: String, actual: String) -> Bool {
        matches(OutputText.lines(expected), OutputText.lines(actual))
    }

    /// nil when `actual` matches the output block `block` (no block: empty output), else a unified
    /// diff against the block's lines (`...`-aware, see `UnifiedDiff`).
    static func diff(block: Fence?, actual: String, file: String, after code: Fence) -> String? {
        let expected = block?.content ?? ""
        guard !matches(expected: expected, actual: actual) else { return nil }
        return UnifiedDiff.diff(expected: OutputText.lines(expected), actual: OutputText.lines(actual),
                                file: file, firstLine: block?.contentLine)
    }

    static func matches(_ pattern: [String], _ lines: [String]) -> Bool {
        // reachable[j]: the pattern lines seen so far can match exactly lines[..<j].
        var reachable = [Bool](repeating: false, count: lines.count + 1)
        reachable[0] = true
        for patternLine in pattern {
            var next = [Bool](repeating: false, count: lines.count + 1)
            if patternLine.trimmingCharacters(in: .whitespaces) == "..." {
                var seen = false
                for j in 0...lines.count {
                    seen = seen || reachable[j]
                    next[j] = seen
                }
            } else {
                for j in 0..<lines.count where reachable[j] && lineMatches(patternLine, lines[j]) {
                    next[j + 1] = true
                }
            }
            reachable = next
        }
        return reachable[lines.count]
    }

    /// Whether `line` matches `pattern`, where each `...` in `pattern` stands for any text.
    static func lineMatches(_ pattern: String, _ line: String) -> Bool {
        let pieces = pattern.components(separatedBy: "...")
        guard pieces.count > 1 else { return pattern == line }
        guard line.hasPrefix(pieces[0]) else { return false }
        var rest = line.dropFirst(pieces[0].count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(pieces[pieces.count - 1])
    }
}
