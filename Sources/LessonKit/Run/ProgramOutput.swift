import Foundation

/// What a lesson program wrote, split into cells by the markers its prologue prints.
struct ProgramOutput: Equatable {
    /// What one cell wrote.
    struct CellOutput: Equatable {
        var stdout = ""
        var stderr = ""
        var richOutputs: [RichOutput] = []
        /// For a `should-fail` cell: the wait status of the forked child that ran it.
        var childStatus: Int32?
    }

    /// Outputs of the cells that started, by cell index.
    var cells: [Int: CellOutput] = [:]
    /// The last cell that started, nil when none did.
    var lastStarted: Int?
    /// Whether the program got past its last cell.
    var reachedEnd = false

    /// Splits the program's stdout and stderr text and its display-file records.
    init(stdout: String, stderr: String, display: [UInt8]) {
        for (cell, text) in Self.segments(of: stdout, into: &self) where cell >= 0 {
            cells[cell, default: CellOutput()].stdout += text
        }
        for (cell, text) in Self.segments(of: stderr, into: &self) where cell >= 0 {
            cells[cell, default: CellOutput()].stderr += text
        }
        for (cell, output) in Self.displayRecords(display) {
            cells[cell, default: CellOutput()].richOutputs.append(output)
        }
    }

    /// The text between markers (`\u{1E}lessonkit:…\u{1E}`, as the prologue's `_lessonkitMark`
    /// writes them), with the cell it belongs to; applies `end` and `status` markers.
    private static func segments(of text: String, into output: inout ProgramOutput) -> [(Int, String)] {
        let opening = "\u{1E}lessonkit:"
        var segments: [(Int, String)] = []
        var cell = -1
        var rest = Substring(text)
        while let start = rest.range(of: opening),
              let end = rest[start.upperBound...].firstIndex(of: "\u{1E}") {
            segments.append((cell, String(rest[..<start.lowerBound])))
            let fields = rest[start.upperBound..<end].split(separator: ":")
            switch (fields.first, fields.count) {
            case ("cell", 2):
                cell = Int(fields[1]) ?? cell
                output.lastStarted = max(output.lastStarted ?? cell, cell)
            case ("end", 1):
                output.reachedEnd = true
            case ("status", 3):
                if let index = Int(fields[1]), let status = Int32(fields[2]) {
                    output.cells[index, default: CellOutput()].childStatus = status
                }
            default:
                break
            }
            rest = rest[rest.index(after: end)...]
        }
        segments.append((cell, String(rest)))
        return segments
    }

    /// Reads `<cell> <dot|svg> <byte count>\n<bytes>` records.
    static func displayRecords(_ bytes: [UInt8]) -> [(Int, RichOutput)] {
        var records: [(Int, RichOutput)] = []
        var position = 0
        while let newline = bytes[position...].firstIndex(of: 0x0A) {
            let header = String(decoding: bytes[position..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let cell = Int(header[0]), let count = Int(header[2]),
                  newline + 1 + count <= bytes.count else { break }
            let text = String(decoding: bytes[(newline + 1)..<(newline + 1 + count)], as: UTF8.self)
            records.append((cell, header[1] == "svg" ? .svg(text) : .dot(text)))
            position = newline + 1 + count
        }
        return records
    }
}
