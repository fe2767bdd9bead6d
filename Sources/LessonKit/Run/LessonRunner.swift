import Foundation

/// Compiles, runs and checks lessons, in parallel, with results cached between runs.
///
///     let planned = try LessonPlanner.plan(directory: config.lessonsDirectory, packageRoot: config.packageRoot)
///     let results = try LessonRunner(config).runAll(planned)
public struct LessonRunner: Sendable {
    /// Part of every cache key: bump it when a change to the runner changes results.
    public static let version = "lessonkit-2"

    public let configuration: RunnerConfiguration
    /// What ``startEarly(lessonsIn:)`` got ready for the next ``runAll(_:onEvent:)``.
    let headStart = HeadStart()

    public init(_ configuration: RunnerConfiguration) {
        self.configuration = configuration
    }

    /// Runs (or takes from the cache) every lesson, `configuration.jobs` at a time, and returns
    /// their results in the order given. Lessons with plan errors are not run; their results carry
    /// the errors. Throws only when the compiler cannot be started.
    public func runAll(_ lessons: [PlannedLesson], onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }) throws -> [LessonResult] {
        let ready = headStart.take()
        let identity = try ready.map(\.identity) ?? twinIdentity()
        let key = try ready?.key ?? cacheKey(twins: identity)
        RunFolder.removeAbandoned(in: configuration.cacheDirectory)
        let server = ready?.server ?? twinServer()
        defer { server?.stop() }
        let results = Slots<LessonResult>(count: lessons.count)
        let group = DispatchGroup()
        for _ in 0..<min(configuration.jobs, max(lessons.count, 1)) {
            group.enter()
            Thread {
                while let index = results.claimNext() {
                    let result = run(lessons[index], key: key, twins: identity, server: server, onEvent: onEvent)
                    results.set(index, result)
                    onEvent(.finished(result))
                }
                group.leave()
            }.start()
        }
        group.wait()
        return results.all()
    }

    /// The stored results of each lesson's last run (nil when it never ran), and whether they are
    /// still current (the lesson, library, toolchain and runner are unchanged).
    public func lastRuns(of lessons: [Lesson]) throws -> [(cells: [CellResult], isCurrent: Bool)?] {
        let key = try cacheKey(twins: try twinIdentity())
        let cache = ResultCache(directory: configuration.cacheDirectory)
        return lessons.map { lesson in
            cache.entry(for: lesson).map { ($0.cells, $0.key == key.key(for: lesson)) }
        }
    }

    /// A server for the twins, not started yet (nil when they do not run).
    func twinServer() -> TwinServer? {
        configuration.python.map { TwinServer(python: $0, environment: configuration.childEnvironment) }
    }

    /// The PyTorch the twins run with (nil when they do not run); throws when it cannot be imported.
    func twinIdentity() throws -> TwinPython.Identity? {
        try configuration.python?.identity(environment: configuration.childEnvironment, memo: toolMemo)
    }

    /// What the compiler and the twins' Python said, kept between runs (`.lessons-cache/tools/`).
    var toolMemo: ToolMemo {
        ToolMemo(directory: configuration.cacheDirectory.appendingPathComponent("tools"))
    }

    /// The parts of the cache key shared by all lessons.
    func cacheKey(twins: TwinPython.Identity? = nil) throws -> CacheKey {
        let root = configuration.packageRoot
        let library = Fingerprint.ofTree(root.appendingPathComponent("Sources/Autograd"))
            + Fingerprint.ofTree(root.appendingPathComponent("Sources/CBLAS")) + " " + configuration.library.buildStamp
        let runner = Self.version + " "
            + Fingerprint.ofTree(root.appendingPathComponent("Sources/LessonKit"), excluding: ["Render", "Serve"])
        let toolchain = try Compiler.version(of: configuration.swiftc, environment: configuration.environment, memo: toolMemo)
        let environment = configuration.childEnvironment
            .filter { $0.key.hasPrefix("OPENBLAS_") }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }.joined(separator: "\n") + "\noutput-limit=\(configuration.outputLimit)"
        return CacheKey(library: library, toolchain: toolchain, runner: runner, environment: environment,
                        twins: twins?.fingerprint ?? "no twins")
    }

    func run(_ planned: PlannedLesson, key: CacheKey, twins identity: TwinPython.Identity?, server: TwinServer?,
             onEvent: @escaping (RunEvent) -> Void) -> LessonResult {
        let lesson = planned.lesson
        let unreached = lesson.cells.map { CellResult(index: $0.index, line: $0.line, status: .notReached) }
        // Without a Python (`--no-twins`) the twins have no results at all: they are neither passed nor failed.
        var twins = identity == nil ? [] : lesson.twins.map { CellResult(index: $0.index, line: $0.line, status: .notReached) }
        guard planned.isRunnable else {
            return LessonResult(lesson: lesson, cells: unreached, twins: twins, problems: planned.problems,
                                fromCache: false, seconds: 0)
        }
        let cache = ResultCache(directory: configuration.cacheDirectory)
        let lessonKey = key.key(for: lesson)
        if configuration.useCache, let entry = cache.results(for: lesson, key: lessonKey) {
            return LessonResult(lesson: lesson, cells: entry.cells, twins: entry.twins ?? [], torchVersion: entry.torchVersion,
                                problems: entry.problems, warnings: entry.warnings, fromCache: true, seconds: 0)
        }
        let start = Date()
        // The twins run beside the Swift program (other processes, another folder), so a lesson takes
        // as long as the slower of the two rather than their sum.
        let twinOutcome = Slots<Result<TwinExecution.Outcome, Error>>(count: 1)
        let twinsDone = DispatchSemaphore(value: 0)
        if let server, identity != nil {
            Thread {
                twinOutcome.set(0, Result { try TwinExecution(lesson: lesson, server: server, configuration: configuration).perform() })
                twinsDone.signal()
            }.start()
        } else {
            twinsDone.signal()
        }
        var cells = unreached, problems: [Problem] = [], warnings: [Problem] = []
        var complete = true
        do {
            let execution = try LessonExecution(lesson: lesson, configuration: configuration, onEvent: onEvent).perform()
            (cells, problems, warnings) = (execution.cells, execution.problems, execution.warnings)
            complete = execution.isEarned
        } catch {
            problems.append(Problem(file: lesson.file, line: 1, message: "\(error)"))
            complete = false
        }
        twinsDone.wait()
        switch twinOutcome.value(0) {
        case .success(let execution)?:
            twins = execution.twins
            complete = complete && !execution.timedOut
        case .failure(let error)?:
            problems.append(Problem(file: lesson.file, line: 1, message: "PyTorch twins: \(error)"))
            complete = false
        case nil:
            break
        }
        let result = LessonResult(lesson: lesson, cells: cells, twins: twins, torchVersion: identity?.torchVersion,
                                  problems: problems, warnings: warnings, fromCache: false,
                                  seconds: Date().timeIntervalSince(start))
        if complete {
            try? cache.store(.init(key: lessonKey, cells: cells, twins: identity == nil ? nil : twins, torchVersion: result.torchVersion,
                                   problems: problems, warnings: warnings), for: lesson)
        }
        return result
    }
}

/// Values filled in by worker threads by position, and the next position to take.
final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]
    private var next = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claimNext() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    func set(_ index: Int, _ value: Value) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = value
    }

    func all() -> [Value] {
        lock.lock(); defer { lock.unlock() }
        return slots.map { $0! }
    }

    /// The value at `index`, nil while it is not set.
    func value(_ index: Int) -> Value? {
        lock.lock(); defer { lock.unlock() }
        return slots[index]
    }
}
