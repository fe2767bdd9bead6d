import Foundation

/// Finds the Markdown line of the statement that trapped, by running a crashed lesson program once
/// more with Swift's runtime backtracer on: the frames it symbolicates follow `#sourceLocation`,
/// so the innermost frame in the lesson's own code reads `… at Lessons/03-x.md:14:15`.
enum CrashLocation {
    /// The backtracer's settings for the second run: no prompt, plain text.
    static let backtraceSetting = "enable=yes,interactive=no,color=no"

    /// Re-runs the program in `directory` with backtraces on; the line of the innermost lesson
    /// frame of the last crash it reports, or nil (it did not crash again, or no frame is the lesson's).
    static func find(rerunning directory: URL, lesson: Lesson, configuration: RunnerConfiguration,
                     timeout: Double) throws -> Int? {
        let run = try ProgramRun(directory: directory, configuration: configuration, timeout: timeout,
                                 environment: ["SWIFT_BACKTRACE": backtraceSetting], stderrName: "backtrace.txt")
        guard case .signaled = run.ending else { return nil }
        let text = String(decoding: ProgramRun.read(directory.appendingPathComponent("backtrace.txt"),
                                                    limit: configuration.outputLimit + 1), as: UTF8.self)
        return line(in: text, file: lesson.file)
    }

    /// The line of the first frame `at <file>:<line>:<column>` after the last "Program crashed" header
    /// (a forked should-fail cell's crash comes earlier in the same stream).
    static func line(in backtrace: String, file: String) -> Int? {
        guard let crash = backtrace.range(of: "*** Program crashed", options: .backwards) else { return nil }
        let marker = " at \(file):"
        for frame in backtrace[crash.upperBound...].split(separator: "\n") {
            guard let range = frame.range(of: marker) else { continue }
            let digits = frame[range.upperBound...].prefix { $0.isNumber }
            if let line = Int(digits) { return line }
        }
        return nil
    }
}
