import Foundation

/// ANSI colours for terminal output: on only when standard output is a terminal, `NO_COLOR` is unset
/// or empty (https://no-color.org) and `TERM` is not `dumb`.
struct TerminalStyle {
    let enabled: Bool

    /// The style for standard output in this environment.
    static func forStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalStyle {
        TerminalStyle(enabled: isatty(STDOUT_FILENO) != 0 && (environment["NO_COLOR"] ?? "").isEmpty
                          && environment["TERM"] != "dumb")
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func cyan(_ text: String) -> String { wrap(text, "36") }

    /// A unified diff with removed lines red, added lines green and hunk headers cyan.
    func diff(_ text: String) -> String {
        guard enabled else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line.hasPrefix("---") || line.hasPrefix("+++") { return bold(String(line)) }
            if line.hasPrefix("@@") { return cyan(String(line)) }
            if line.hasPrefix("-") { return red(String(line)) }
            if line.hasPrefix("+") { return green(String(line)) }
            return String(line)
        }.joined(separator: "\n")
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
