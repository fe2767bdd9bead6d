import Foundation

/// Runs lessons edited in the page. Runs of one lesson go one at a time, in order; a newer run of
/// a lesson cancels the older one (its compiler or program is killed). Each run has the lesson's
/// timeout, and a cell that prints more than `outputCap` bytes is stopped (the runner's output
/// limit). Runs happen on dispatch threads, so the server stays responsive while a lesson compiles.
final class CellEditRunner: @unchecked Sendable {
    /// How an edited run ended.
    enum Outcome: Sendable {
        /// The run finished (perhaps with failures, which the result holds).
        case finished(LessonResult)
        /// A newer edit of the same lesson cancelled it, or the server is stopping.
        case superseded
    }

    private let configuration: RunnerConfiguration
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
        configuration.outputLimit = outputCap
        self.configuration = configuration
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
        do {
            let execution = try LessonExecution(lesson: lesson, configuration: configuration, onEvent: { _ in },
                                                cancellation: cancellation).perform()
            if cancellation.isCancelled { return .superseded }
            return .finished(LessonResult(lesson: lesson, cells: execution.cells, problems: execution.problems,
                                          warnings: execution.warnings, fromCache: false,
                                          seconds: Date().timeIntervalSince(start)))
        } catch {
            if cancellation.isCancelled { return .superseded }
            let cells = lesson.cells.map { CellResult(index: $0.index, line: $0.line, status: .notReached) }
            return .finished(LessonResult(lesson: lesson, cells: cells,
                                          problems: [Problem(file: lesson.file, line: 1, message: "\(error)")],
                                          fromCache: false, seconds: Date().timeIntervalSince(start)))
        }
    }
}
