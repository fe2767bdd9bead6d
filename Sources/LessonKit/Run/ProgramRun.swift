import Foundation

/// One run of a compiled lesson program (`<directory>/lesson`). Its stdout, stderr, control
/// channel and pictures go to files in `directory`; each is read back at most
/// `outputLimit + 1` bytes, so memory stays bounded whatever a cell prints.
struct ProgramRun {
    let ending: ChildProcess.Ending
    let output: ProgramOutput
    /// "stdout", "stderr" or "pictures" when the program wrote more than the output limit there.
    let overflowingStream: String?
    /// The cell that was writing when the limit was passed.
    let overflowingCell: Int?

    /// Runs the program with the lesson environment plus `environment`, and splits its output;
    /// `cancellation` stops it early.
    init(directory: URL, configuration: RunnerConfiguration, timeout: Double,
         environment extra: [String: String] = [:], stderrName: String = "stderr.txt",
         cancellation: RunCancellation? = nil) throws {
        let file = { directory.appendingPathComponent($0) }
        let limit = configuration.outputLimit
        var environment = configuration.childEnvironment.merging(extra) { _, new in new }
        environment[Prologue.displayFileVariable] = file("display.txt").path
        // One byte over the limit may be written, so going over it shows in the file's size.
        environment[Prologue.outputLimitVariable] = String(limit + 1)
        environment[Prologue.runnerVariable] = String(getpid())
        try? FileManager.default.removeItem(at: file("display.txt"))
        ending = try ChildProcess.run([file("lesson").path], environment: environment,
                                      stdout: file("stdout.txt"), stderr: file(stderrName),
                                      channels: [Prologue.controlDescriptor: file("control.txt")], timeout: timeout,
                                      cancellation: cancellation)
        let stdout = Self.read(file("stdout.txt"), limit: limit + 1)
        let stderr = Self.read(file(stderrName), limit: limit + 1)
        let display = Self.read(file("display.txt"), limit: limit + 1)
        let control = Self.read(file("control.txt"), limit: limit + 1)
        output = ProgramOutput(stdout: stdout, stderr: stderr, control: control, display: display)

        let records = ProgramOutput.records(control)
        let starts = records.compactMap { record -> (cell: Int, out: Int, err: Int)? in
            switch record.kind {
            case .begin(let cell), .status(let cell, _): (cell, record.out, record.err)
            case .end: nil
            }
        }
        if stdout.count > limit {
            overflowingStream = "stdout"
            overflowingCell = starts.last { $0.out <= limit }?.cell
        } else if stderr.count > limit {
            overflowingStream = "stderr"
            overflowingCell = starts.last { $0.err <= limit }?.cell
        } else if display.count > limit {
            overflowingStream = "pictures"
            overflowingCell = output.lastStarted
        } else {
            overflowingStream = nil
            overflowingCell = nil
        }
    }

    /// The first `limit` bytes of `url` (none when it is missing).
    static func read(_ url: URL, limit: Int) -> [UInt8] {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
        defer { try? handle.close() }
        return Array((try? handle.read(upToCount: limit)) ?? Data())
    }
}
