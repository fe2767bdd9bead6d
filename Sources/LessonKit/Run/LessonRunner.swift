import Foundation

/// Compiles, runs and checks lessons, in parallel, with results cached between runs.
///
///     let planned = try LessonPlanner.plan(directory: config.lessonsDirectory, packageRoot: config.packageRoot)
///     let results = try LessonRunner(config).runAll(planned)
public struct LessonRunner: Sendable {
    /// Part of every cache key: bump it when a change to the runner changes results.
    public static let version = "lessonkit-1"

    public let configuration: RunnerConfiguration

    public init(_ configuration: RunnerConfiguration) {
        self.configuration = configuration
    }

    /// Runs (or takes from the cache) every lesson, `configuration.jobs` at a time, and returns
    /// their results in the order given. Lessons with plan errors are not run; their results carry
    /// the errors. Throws only when the compiler cannot be started.
    public func runAll(_ lessons: [PlannedLesson], onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }) throws -> [LessonResult] {
        let key = try cacheKey()
        let results = Slots<LessonResult>(count: lessons.count)
        let group = DispatchGroup()
        for _ in 0..<min(configuration.jobs, max(lessons.count, 1)) {
            group.enter()
            Thread {
                while let index = results.claimNext() {
                    let result = run(lessons[index], key: key, onEvent: onEvent)
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
        let key = try cacheKey()
        let cache = ResultCache(directory: configuration.cacheDirectory)
        return lessons.map { lesson in
            cache.entry(for: lesson).map { ($0.cells, $0.key == key.key(for: lesson)) }
        }
    }

    /// The parts of the cache key shared by all lessons.
    func cacheKey() throws -> CacheKey {
        let root = configuration.packageRoot
        let library = Fingerprint.ofTree(root.appendingPathComponent("Sources/Autograd"))
            + Fingerprint.ofTree(root.appendingPathComponent("Sources/CBLAS")) + " " + configuration.library.buildStamp
        let runner = Self.version + " "
            + Fingerprint.ofTree(root.appendingPathComponent("Sources/LessonKit"), excluding: ["Render", "Serve"])
        let toolchain = try Compiler.version(of: configuration.swiftc, environment: configuration.environment)
        let environment = configuration.childEnvironment
            .filter { $0.key.hasPrefix("OPENBLAS_") }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        return CacheKey(library: library, toolchain: toolchain, runner: runner, environment: environment)
    }

    func run(_ planned: PlannedLesson, key: CacheKey, onEvent: @escaping (RunEvent) -> Void) -> LessonResult {
        let lesson = planned.lesson
        let unreached = lesson.cells.map { CellResult(index: $0.index, line: $0.line, status: .notReached) }
        guard planned.isRunnable else {
            return LessonResult(lesson: lesson, cells: unreached, problems: planned.problems, fromCache: false, seconds: 0)
        }
        let cache = ResultCache(directory: configuration.cacheDirectory)
        let lessonKey = key.key(for: lesson)
        if configuration.useCache, let entry = cache.results(for: lesson, key: lessonKey) {
            return LessonResult(lesson: lesson, cells: entry.cells, problems: entry.problems, warnings: entry.warnings,
                                fromCache: true, seconds: 0)
        }
        let start = Date()
        do {
            let execution = try LessonExecution(lesson: lesson, configuration: configuration, onEvent: onEvent).perform()
            if !execution.timedOut {
                try cache.store(.init(key: lessonKey, cells: execution.cells, problems: execution.problems,
                                      warnings: execution.warnings), for: lesson)
            }
            return LessonResult(lesson: lesson, cells: execution.cells, problems: execution.problems,
                                warnings: execution.warnings, fromCache: false, seconds: Date().timeIntervalSince(start))
        } catch {
            let problem = Problem(file: lesson.file, line: 1, message: "\(error)")
            return LessonResult(lesson: lesson, cells: unreached, problems: [problem], fromCache: false,
                                seconds: Date().timeIntervalSince(start))
        }
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
}
