/// One `file:line:col: severity: message` line of swiftc's `-diagnostic-style=llvm` output.
struct Diagnostic: Equatable {
    let file: String
    let line: Int
    let column: Int
    let severity: String
    let message: String

    /// The error and warning lines of swiftc output (notes and source excerpts are dropped).
    static func parse(_ output: String) -> [Diagnostic] {
        output.split(separator: "\n").compactMap { Diagnostic(line: String($0)) }
            .filter { $0.severity == "error" || $0.severity == "warning" }
    }

    init?(line text: String) {
        for severity in ["error", "warning", "note"] {
            guard let range = text.range(of: ": \(severity): ") else { continue }
            let location = text[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let line = Int(location[location.count - 2]),
                  let column = Int(location[location.count - 1]) else { continue }
            self.file = location.dropLast(2).joined(separator: ":")
            self.line = line
            self.column = column
            self.severity = severity
            self.message = String(text[range.upperBound...])
            return
        }
        return nil
    }

    var problem: Problem { Problem(file: file, line: line, column: column, message: message) }
}
