import Foundation

/// A run's own folder under `.lessons-cache/build/`, shared by the Swift programs and the twins:
/// `<name>.<pid>.<id>` while the run works in it (two runners may share the cache), then renamed to
/// `<name>`, where the last run's files stay for inspection.
enum RunFolder {
    /// Runs `body` in a fresh folder for `name`, which then replaces `build/<name>/`.
    static func use<T>(_ name: String, in cacheDirectory: URL, _ body: (URL) throws -> T) throws -> T {
        let builds = cacheDirectory.appendingPathComponent("build")
        let directory = builds.appendingPathComponent("\(name).\(getpid()).\(UUID().uuidString.prefix(8))")
        Cleanup.shared.addPath(directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            let last = builds.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: last)
            if (try? FileManager.default.moveItem(at: directory, to: last)) == nil {
                try? FileManager.default.removeItem(at: directory)
            }
            Cleanup.shared.forgetPath(directory)
        }
        return try body(directory)
    }

    /// Removes the per-run folders (`build/<name>.<pid>.<id>`) of runners that no longer exist
    /// (killed with SIGKILL, which leaves no chance to clean up).
    static func removeAbandoned(in cacheDirectory: URL) {
        let builds = cacheDirectory.appendingPathComponent("build")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: builds.path)) ?? [] {
            let parts = name.split(separator: ".")
            guard parts.count >= 3, let pid = pid_t(parts[parts.count - 2]), pid != getpid(),
                  kill(pid, 0) != 0 && errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: builds.appendingPathComponent(name))
        }
    }
}
