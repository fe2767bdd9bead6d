import Foundation

/// Reads per-lesson settings from an HTML comment `<!-- lessons: timeout=300 -->`.
enum SettingsComment {
    /// Applies the settings in `html` (an HTML block starting at `line`) if it is a settings comment;
    /// returns a problem for each malformed or unknown setting.
    static func apply(_ html: String, line: Int, file: String, to settings: inout LessonSettings) -> [Problem] {
        let trimmed = html.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->") else { return [] }
        let body = trimmed.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespaces)
        guard body.hasPrefix("lessons:") else { return [] }
        var problems: [Problem] = []
        for pair in body.dropFirst("lessons:".count).split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            switch (parts.first, parts.count == 2 ? parts[1] : nil) {
            case ("timeout", let value?):
                if let seconds = Double(value), seconds > 0 {
                    settings.timeout = seconds
                } else {
                    problems.append(Problem(file: file, line: line, message: "timeout must be a positive number of seconds, not '\(value)'"))
                }
            default:
                problems.append(Problem(file: file, line: line, message: "unknown lesson setting '\(pair)' (known: timeout=SECONDS)"))
            }
        }
        return problems
    }
}
