import Foundation

/// Runs lessons edited in the page. Runs of one lesson go one at a time, in order; a newer run of
/// a lesson cancels the older one (its compiler or program is killed). Each run has the lesson's
/// timeout, and a run whose output grows past `outputCap` bytes is stopped. Runs happen on
/// dispatch threads, so the server stays responsive while a lesson compiles.
final class CellEditRunner: @unchecked Sendable {
    /// How an edited run ended.
    enum Outcome: Sendable {
        /// The run finished (perhaps with failures, which the result holds).
        case finished(LessonResult)
        /// A newer edit of the same lesson cancelled it, or the server is stopping.
        case superseded
    }

    private let configuration: RunnerConfiguration
    private let outputCap: Int
    private let lock = NSLock()
    /// The latest run's cancellation switch per lesson name.
    private var latest: [String: RunCancellation] = [:]
    /// One serial queue per lesson name.
    private var queues: [String: DispatchQueue] = [:]
    private var stopped = false

    /// `configuration` is the served lessons' own; edited runs work in `<cache>/serve/` so they
    /// neither replace the lessons' cached results nor their last build folders.
    init(configuration: RunnerConfiguration, outputCap: Int = 1 << 20) {
        var configuration = configuration
        configuration.cacheDirectory = configuration.cacheDirectory.appendingPathComponent("serve")
        configuration.useCache = false
        self.configuration = configuration
        self.outputCap = outputCap
    }

    /// Runs `lesson` (already edited) after the lesson's earlier runs, cancelling them.
    func run(_ lesson: Lesson) async -> Outcome {
        let cancellation = RunCancellation()
        let queue = lock.withLock {
            latest[lesson.name]?.cancel()
            latest[lesson.name] = cancellation
            if stopped { cancellation.cancel() }
            if queues[lesson.name] == nil { queues[lesson.name] = DispatchQueue(label: "lessons-serve.\(lesson.name)") }
            return queues[lesson.name]!
        }
        return await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.perform(lesson, cancellation)) }
        }
    }

    /// Cancels every run and refuses new ones (the server is stopping).
    func stopAll() {
        lock.lock(); defer { lock.unlock() }
        stopped = true
        latest.values.forEach { $0.cancel() }
    }

    private func perform(_ lesson: Lesson, _ cancellation: RunCancellation) -> Outcome {
        guard !cancellation.isCancelled else { return .superseded }
        let start = Date()
        let watchdog = OutputWatchdog(folder: configuration.cacheDirectory.appendingPathComponent("build"),
                                      prefix: "\(lesson.name).\(getpid()).", cap: outputCap, cancellation: cancellation)
        watchdog.start()
        defer { watchdog.stop() }
        do {
            let execution = try LessonExecution(lesson: lesson, configuration: configuration, onEvent: { _ in },
                                                cancellation: cancellation).perform()
            var problems = execution.problems
            if watchdog.tripped {
                problems.append(Problem(file: lesson.file, line: 1,
                                        message: "the lesson printed more than \(outputCap / 1024) KB; the run was stopped"))
            } else if cancellation.isCancelled {
                return .superseded
            }
            return .finished(LessonResult(lesson: lesson, cells: execution.cells, problems: problems,
                                          warnings: execution.warnings, fromCache: false,
                                          seconds: Date().timeIntervalSince(start)))
        } catch {
            if cancellation.isCancelled && !watchdog.tripped { return .superseded }
            let cells = lesson.cells.map { CellResult(index: $0.index, line: $0.line, status: .notReached) }
            return .finished(LessonResult(lesson: lesson, cells: cells,
                                          problems: [Problem(file: lesson.file, line: 1, message: "\(error)")],
                                          fromCache: false, seconds: Date().timeIntervalSince(start)))
        }
    }
}

/// Watches the size of a running lesson's output files (`stdout.txt`, `stderr.txt`, `display.txt`
/// in its build folder) and cancels the run when together they pass the cap.
private final class OutputWatchdog: @unchecked Sendable {
    let folder: URL
    let prefix: String
    let cap: Int
    let cancellation: RunCancellation
    private let lock = NSLock()
    private var done = false
    private var hitCap = false

    init(folder: URL, prefix: String, cap: Int, cancellation: RunCancellation) {
        self.folder = folder
        self.prefix = prefix
        self.cap = cap
        self.cancellation = cancellation
    }

    /// Whether the output passed the cap (and the run was cancelled for it).
    var tripped: Bool { lock.lock(); defer { lock.unlock() }; return hitCap }

    func start() {
        Thread { [self] in
            while !isDone {
                if outputSize() > cap {
                    lock.lock(); hitCap = true; lock.unlock()
                    cancellation.cancel()
                    return
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }.start()
    }

    func stop() { lock.lock(); done = true; lock.unlock() }

    private var isDone: Bool { lock.lock(); defer { lock.unlock() }; return done }

    private func outputSize() -> Int {
        let fileManager = FileManager.default
        let runs = ((try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(prefix) }
        return runs.reduce(0) { total, run in
            ["stdout.txt", "stderr.txt", "display.txt"].reduce(total) { sum, name in
                let path = folder.appendingPathComponent(run).appendingPathComponent(name).path
                return sum + ((try? fileManager.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
            }
        }
    }
}
