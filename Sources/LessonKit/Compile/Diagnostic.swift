/// An error or warning from swiftc's `-diagnostic-style=llvm` output, with what swiftc printed
/// under it (source line, caret, fix-it) and its notes.
struct Diagnostic: Equatable {
    var file: String
    var line: Int
    var column: Int
    let severity: String
    let message: String
    /// The lines swiftc printed under the header: the source line, the caret line, a fix-it line.
    var excerpt: [String] = []
    /// The notes that followed it (`'init(_:lr:)' declared here`, `to match this opening '{'`).
    var notes: [Diagnostic] = []

    /// The errors and warnings of swiftc output, each with its excerpt and notes.
    static func parse(_ output: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, text) in lines.enumerated() {
            // A source line under a header is followed by its caret line, whatever the source line holds.
            let isSourceLine = index + 1 < lines.count && isCaretLine(lines[index + 1])
            if !isSourceLine, let diagnostic = Diagnostic(line: text) {
                if diagnostic.severity == "note" {
                    if !diagnostics.isEmpty { diagnostics[diagnostics.count - 1].notes.append(diagnostic) }
                } else if diagnostic.severity == "error" || diagnostic.severity == "warning" {
                    diagnostics.append(diagnostic)
                }
                continue
            }
            guard !diagnostics.isEmpty, !text.isEmpty else { continue }
            if diagnostics[diagnostics.count - 1].notes.isEmpty {
                diagnostics[diagnostics.count - 1].excerpt.append(text)
            } else {
                let last = diagnostics[diagnostics.count - 1].notes.count - 1
                diagnostics[diagnostics.count - 1].notes[last].excerpt.append(text)
            }
        }
        return diagnostics
    }

    /// Whether `line` is the caret line swiftc prints under a source line (`      ^~~~`).
    private static func isCaretLine(_ line: String) -> Bool {
        line.contains("^") && line.allSatisfy { $0 == " " || $0 == "^" || $0 == "~" }
    }

    init(file: String, line: Int, column: Int, severity: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// Reads one `file:line:col: severity: message` header line.
    init?(line text: String) {
        for severity in ["error", "warning", "note"] {
            guard let range = text.range(of: ": \(severity): ") else { continue }
            let location = text[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let line = Int(location[location.count - 2]),
                  let column = Int(location[location.count - 1]) else { continue }
            self.init(file: location.dropLast(2).joined(separator: ":"), line: line, column: column,
                      severity: severity, message: String(text[range.upperBound...]))
            return
        }
        return nil
    }

    /// The problem as the tool reports it: the message, then the excerpt and the notes.
    var problem: Problem {
        let notes = self.notes.map { note in
            (["\(note.file):\(note.line):\(note.column): note: \(Self.readable(note.message))"] + note.excerpt)
                .joined(separator: "\n")
        }
        let detail = (excerpt + notes).joined(separator: "\n")
        return Problem(file: file, line: line, column: column, message: Self.readable(message),
                       detail: detail.isEmpty ? nil : detail)
    }

    /// `message` without the call-site parameters the library adds to some functions
    /// (`callAsFunction(_:file:line:)` reads `callAsFunction(_:)`): authors never pass them.
    static func readable(_ message: String) -> String {
        message.replacingOccurrences(of: "file:line:)", with: ")")
    }
}
