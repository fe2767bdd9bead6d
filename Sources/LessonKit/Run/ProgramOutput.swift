/// What a lesson program wrote, split into cells by the boundary records of its control channel
/// (see `Prologue`): each record holds the stdout and stderr offsets at a cell's start, after a
/// should-fail cell's child, or at the end. Nothing a cell prints can move a boundary.
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
    /// Whether the program got past its last cell (an `end` record).
    var reachedEnd = false

    /// No output at all (the program did not run).
    static let empty = ProgramOutput(stdout: [], stderr: [], control: [], display: [])

    /// Splits the program's stdout and stderr bytes at the offsets of the `control` records, and
    /// reads the display-file records.
    init(stdout: [UInt8], stderr: [UInt8], control: [UInt8], display: [UInt8]) {
        var owner = -1
        var previous = (out: 0, err: 0)
        for record in Self.records(control) {
            let next = (out: min(max(record.out, previous.out), stdout.count),
                        err: min(max(record.err, previous.err), stderr.count))
            append(owner, stdout[previous.out..<next.out], stderr[previous.err..<next.err])
            previous = next
            switch record.kind {
            case .begin(let cell):
                owner = cell
                if cells[cell] == nil { cells[cell] = CellOutput() }
                lastStarted = max(lastStarted ?? cell, cell)
            case .status(let cell, let status):
                cells[cell, default: CellOutput()].childStatus = status
                owner = cell
            case .end:
                owner = -1
                reachedEnd = true
            }
        }
        append(owner, stdout[previous.out...], stderr[previous.err...])
        for (cell, output) in Self.displayRecords(display) {
            cells[cell, default: CellOutput()].richOutputs.append(output)
        }
    }

    private mutating func append(_ cell: Int, _ out: ArraySlice<UInt8>, _ err: ArraySlice<UInt8>) {
        guard cell >= 0, !(out.isEmpty && err.isEmpty) else { return }
        cells[cell, default: CellOutput()].stdout += String(decoding: out, as: UTF8.self)
        cells[cell, default: CellOutput()].stderr += String(decoding: err, as: UTF8.self)
    }

    /// One line of the control channel.
    struct Record: Equatable {
        enum Kind: Equatable {
            case begin(Int)
            case status(Int, Int32)
            case end
        }
        var kind: Kind
        var out: Int
        var err: Int
    }

    /// The well-formed, newline-terminated records of the control channel, in order; a malformed
    /// line ends the list (the program was cut off while writing it).
    static func records(_ bytes: [UInt8]) -> [Record] {
        var records: [Record] = []
        var position = 0
        while let newline = bytes[position...].firstIndex(of: 0x0A) {
            let fields = String(decoding: bytes[position..<newline], as: UTF8.self)
                .split(separator: " ", omittingEmptySubsequences: false)
            position = newline + 1
            let numbers = fields.dropFirst().compactMap { Int($0) }
            guard numbers.count == fields.count - 1, numbers.count >= 2, numbers.allSatisfy({ $0 >= 0 }) else { break }
            let out = numbers[numbers.count - 2], err = numbers[numbers.count - 1]
            switch (fields[0], numbers.count) {
            case ("begin", 3): records.append(Record(kind: .begin(numbers[0]), out: out, err: err))
            case ("status", 4):
                guard let status = Int32(exactly: numbers[1]) else { return records }
                records.append(Record(kind: .status(numbers[0], status), out: out, err: err))
            case ("end", 2): records.append(Record(kind: .end, out: out, err: err))
            default: return records
            }
        }
        return records
    }

    /// Reads `<cell> <dot|svg> <byte count>\n<bytes>` records.
    static func displayRecords(_ bytes: [UInt8]) -> [(Int, RichOutput)] {
        var records: [(Int, RichOutput)] = []
        var position = 0
        while let newline = bytes[position...].firstIndex(of: 0x0A) {
            let header = String(decoding: bytes[position..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let cell = Int(header[0]), let count = Int(header[2]), count >= 0,
                  count <= bytes.count - newline - 1 else { break }
            let text = String(decoding: bytes[(newline + 1)..<(newline + 1 + count)], as: UTF8.self)
            records.append((cell, header[1] == "svg" ? .svg(text) : .dot(text)))
            position = newline + 1 + count
        }
        return records
    }
}
