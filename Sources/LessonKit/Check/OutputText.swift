import Foundation

/// Output text as the checker compares it: "\r\n" and "\r" become "\n", trailing whitespace is
/// dropped from every line, and trailing empty lines are dropped.
enum OutputText {
    /// The normalized lines of `text`.
    static func lines(_ text: String) -> [String] {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = unified.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The normalized text: its lines, each ending in "\n" ("" for no lines).
    static func normalized(_ text: String) -> String {
        lines(text).map { $0 + "\n" }.joined()
    }
}
