import Foundation

/// Runs one lesson's PyTorch twins in order in one Python process (`twin_driver.py`, in a fork of the
/// ``TwinServer``), then checks
/// each twin's output against its output block with the rules the Swift cells follow.
struct TwinExecution {
    let lesson: Lesson
    /// Runs the twins, in a fork of a process that has imported torch already.
    let server: TwinServer
    let configuration: RunnerConfiguration

    struct Outcome {
        /// One result per twin, `twins[i]` for `lesson.twins[i]`.
        let twins: [CellResult]
        let timedOut: Bool
    }

    /// Works in a ``RunFolder`` of its own, which then becomes `.lessons-cache/build/<lesson>-twins/`,
    /// where the last run's records and outputs stay for inspection.
    func perform() throws -> Outcome {
        let twins = lesson.twins
        guard twins.contains(where: { !$0.has(.skip) }) else {
            return Outcome(twins: twins.map { CellResult(index: $0.index, line: $0.line, status: .skipped) }, timedOut: false)
        }
        return try RunFolder.use("\(lesson.name)-twins", in: configuration.cacheDirectory) { try run(twins, in: $0) }
    }

    private func run(_ twins: [Twin], in directory: URL) throws -> Outcome {
        try writeSpec(twins, to: directory.appendingPathComponent("twins.json"))
        let timeout = lesson.settings.timeout ?? configuration.defaultTimeout
        let log = directory.appendingPathComponent("driver.txt")
        let ending = try ChildProcess.run(try server.clientArguments(workdir: directory),
                                          environment: configuration.childEnvironment, stdout: log, stderr: nil, timeout: timeout)
        let records = TwinRecords(Self.read(directory.appendingPathComponent("records.jsonl")))
        let checker = TwinChecker(lesson: lesson, ending: ending, timeout: timeout, records: records,
                                  driverLog: Self.read(log)) { index in
            Self.read(directory.appendingPathComponent("twin-\(index).txt"))
        }
        return Outcome(twins: twins.map(checker.result), timedOut: ending == .timedOut)
    }

    /// What the driver reads: the lesson's file and text, and each twin to compile or run.
    private func writeSpec(_ twins: [Twin], to url: URL) throws {
        let entries: [[String: Any]] = twins.filter { !$0.has(.skip) }.map { twin in
            ["index": twin.index, "line": twin.code.contentLine, "source": twin.source, "run": !twin.has(.norun)]
        }
        let spec: [String: Any] = ["file": lesson.file, "text": lesson.text, "twins": entries]
        try JSONSerialization.data(withJSONObject: spec, options: [.sortedKeys]).write(to: url)
    }

    private static func read(_ url: URL) -> String {
        (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}

/// The driver's `records.jsonl`: which twins started and how each that finished ended.
struct TwinRecords {
    struct End: Decodable {
        let raised: Bool
        /// `TypeError: message` (Python's `format_exception_only`), when the twin raised.
        let exception: String?
        /// The Markdown line of the innermost frame in the lesson.
        let line: Int?
        /// The lesson frames of the traceback, formatted.
        let traceback: String?
    }

    private struct Record: Decodable {
        let twin: Int?
        let event: String
        let raised: Bool?
        let exception: String?
        let line: Int?
        let traceback: String?
    }

    private(set) var started: Set<Int> = []
    private(set) var ends: [Int: End] = [:]

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            guard let record = try? JSONDecoder().decode(Record.self, from: Data(line.utf8)), let twin = record.twin else { continue }
            switch record.event {
            case "start": started.insert(twin)
            case "end":
                ends[twin] = End(raised: record.raised ?? false, exception: record.exception, line: record.line,
                                 traceback: record.traceback)
            default: continue
            }
        }
    }
}
