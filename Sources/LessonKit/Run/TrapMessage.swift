/// Turns what a crashing cell wrote to stderr into the error text shown and matched:
/// `Fatal error: Index out of range`, without the stack trace and without the
/// `Swift/ContiguousArrayBuffer.swift:692:` or `Lesson03/03-x.md:12:` prefix.
enum TrapMessage {
    static let kinds = ["Fatal error", "Precondition failed", "Assertion failed", "Unexpectedly found nil"]

    /// The message for a process (or forked cell) that ended with `ending`, given its stderr.
    static func text(stderr: String, ending: ChildProcess.Ending, early: Bool = false) -> String {
        var lines: [String] = []
        var inStackTrace = false
        for line in stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line == "Current stack trace:" || line.hasPrefix("💣 Program crashed") {
                inStackTrace = true
                continue
            }
            if inStackTrace && (line.first?.isNumber == true || line.hasPrefix(" ") || line.isEmpty) { continue }
            inStackTrace = false
            lines.append(stripLocation(line))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        if lines.isEmpty { lines.append(describe(ending, early: early)) }
        return lines.joined(separator: "\n")
    }

    /// `path:line: Fatal error: message` → `Fatal error: message`.
    static func stripLocation(_ line: String) -> String {
        for kind in kinds {
            if line.hasPrefix(kind) { return line }
            if let range = line.range(of: ": \(kind)"), !line[..<range.lowerBound].contains(" ") {
                return String(line[line.index(range.lowerBound, offsetBy: 2)...])
            }
        }
        return line
    }

    /// What to say when the process left no message; `early` when a lesson program ended before its
    /// last cell (a cell called `exit`, even `exit(0)`).
    static func describe(_ ending: ChildProcess.Ending, early: Bool = false) -> String {
        switch ending {
        case .exited(let code): early ? "exited early with status \(code)" : "exited with status \(code)"
        case .signaled(let signal): "killed by signal \(signal) (\(signalName(signal)))"
        case .timedOut: "timed out"
        }
    }

    private static func signalName(_ signal: Int32) -> String {
        switch signal {
        case 4: "SIGILL"
        case 5: "SIGTRAP"
        case 6: "SIGABRT"
        case 8: "SIGFPE"
        case 9: "SIGKILL"
        case 11: "SIGSEGV"
        case 15: "SIGTERM"
        case 25: "SIGXFSZ"
        default: "signal \(signal)"
        }
    }
}
