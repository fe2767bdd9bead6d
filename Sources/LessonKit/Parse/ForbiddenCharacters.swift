/// Finds characters that cannot be part of a lesson: NUL and the other C0/C1 control characters
/// except tab, line feed and carriage return, and a carriage return not followed by a line feed.
/// libcmark reads a NUL as U+FFFD and a lone carriage return as a line break (the runner and swiftc
/// count lines by line feeds, so every later line number would be wrong); the others only hide text.
enum ForbiddenCharacters {
    /// The first forbidden character in `text` with its 1-based line and column, or nil.
    static func first(in text: String) -> (line: Int, column: Int, scalar: Unicode.Scalar)? {
        var line = 1, column = 1
        var scalars = text.unicodeScalars.makeIterator()
        var next = scalars.next()
        while let scalar = next {
            next = scalars.next()
            if isForbidden(scalar) || (scalar == "\r" && next != "\n") { return (line, column, scalar) }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return nil
    }

    /// The problem to report for the first forbidden character of a lesson, or nil when there is none.
    static func problem(in text: String, file: String) -> Problem? {
        guard let found = first(in: text) else { return nil }
        let code = "U+" + String(found.scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        let message = switch found.scalar {
        case "\0": "a NUL byte cannot be part of a lesson"
        case "\r": "a carriage return without a line feed cannot be part of a lesson (use \\n or \\r\\n line endings)"
        default: "the control character \(code) cannot be part of a lesson"
        }
        return Problem(file: file, line: found.line, column: found.column, message: message)
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
