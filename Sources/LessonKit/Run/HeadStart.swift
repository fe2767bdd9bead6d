import Foundation

/// What ``LessonRunner/startEarly(lessonsIn:)`` got ready for the next ``LessonRunner/runAll(_:onEvent:)``:
/// the cache key, the twins' identity and the twins' server (importing torch already when a lesson's
/// twins will run). Taken once.
final class HeadStart: @unchecked Sendable {
    struct Ready {
        let key: CacheKey
        let identity: TwinPython.Identity?
        let server: TwinServer?
    }

    private let lock = NSLock()
    private var ready: Ready?

    /// A server that no run took (the caller failed before running) ends with the runner.
    deinit {
        ready?.server?.stop()
    }

    func put(_ value: Ready) {
        lock.lock(); defer { lock.unlock() }
        ready = value
    }

    /// What was got ready, once; nil afterwards, or when nothing was.
    func take() -> Ready? {
        lock.lock(); defer { lock.unlock() }
        defer { ready = nil }
        return ready
    }
}

extension LessonRunner {
    /// Gets the next ``runAll(_:onEvent:)`` going before the caller plans the lessons in `directory`:
    /// computes the cache key and, when one of those lessons has twins to run (its cached results are
    /// not current, or the run ignores the cache), starts the twins' server in the background, so that
    /// torch is imported while the lessons are planned. A fully cached run starts no Python. Failures
    /// are left for ``runAll(_:onEvent:)`` to report.
    public func startEarly(lessonsIn directory: URL) {
        let identity: TwinPython.Identity?
        do { identity = try twinIdentity() } catch { return }
        guard let key = try? cacheKey(twins: identity) else { return }
        let cache = ResultCache(directory: configuration.cacheDirectory)
        let files = (try? LessonPlanner.lessonFileNames(in: directory)) ?? []
        let twinsWillRun = identity != nil && files.contains { name in
            let url = directory.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { return false }
            let (lesson, _) = LessonParser.parse(text: text, file: LessonPlanner.relativePath(of: url, to: configuration.packageRoot),
                                                 absolutePath: url.path)
            return lesson.twins.contains { !$0.has(.skip) }
                && (!configuration.useCache || cache.entry(for: lesson)?.key != key.key(for: lesson))
        }
        let server = twinsWillRun ? twinServer() : nil
        server?.startInBackground()
        headStart.put(.init(key: key, identity: identity, server: server))
    }
}
