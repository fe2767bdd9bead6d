import Foundation

/// Notices changes under a few folders by polling their files' sizes and modification times twice
/// a second. Polling needs no platform API (inotify is Linux-only, FSEvents macOS-only), and at a
/// few hundred files it costs nothing measurable.
final class SourceWatcher: @unchecked Sendable {
    /// A folder to watch and the name it is reported under.
    struct Root: Sendable {
        var name: String
        var folder: URL
    }

    private let roots: [Root]
    private let interval: Double
    private let lock = NSLock()
    private var running = true

    init(roots: [Root], interval: Double = 0.5) {
        self.roots = roots
        self.interval = interval
    }

    /// Calls `onChange` on a thread of its own with the names of the roots whose files changed, and
    /// the changed files (`Lessons/01-intro.md`: the root folder's name, then the path in it), once they have stayed unchanged for one interval
    /// (an editor writing a file in steps gives one call). The next poll waits for `onChange`.
    func start(onChange: @escaping @Sendable (_ roots: Set<String>, _ files: [String]) -> Void) {
        Thread { [self] in
            var seen = roots.map(Self.state)
            var pending: Set<String> = []
            var pendingFiles: Set<String> = []
            while isRunning {
                Thread.sleep(forTimeInterval: interval)
                let now = roots.map(Self.state)
                let moved = roots.indices.filter { now[$0] != seen[$0] }
                for index in moved {
                    pending.insert(roots[index].name)
                    let keys = Set(now[index].keys).union(seen[index].keys)
                    pendingFiles.formUnion(keys.filter { now[index][$0] != seen[index][$0] }
                        .map { roots[index].folder.lastPathComponent + "/" + $0 })
                }
                seen = now
                if moved.isEmpty && !pending.isEmpty {
                    onChange(pending, pendingFiles.sorted())
                    pending = []
                    pendingFiles = []
                    seen = roots.map(Self.state)
                }
            }
        }.start()
    }

    /// Stops polling after the current interval.
    func stop() { lock.lock(); running = false; lock.unlock() }

    private var isRunning: Bool { lock.lock(); defer { lock.unlock() }; return running }

    /// Size and modification time of every file under the root, by path relative to it.
    private static func state(of root: Root) -> [String: String] {
        guard let enumerator = FileManager.default.enumerator(
            at: root.folder, includingPropertiesForKeys: [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey],
            options: [.skipsHiddenFiles]) else { return [:] }
        var state: [String: String] = [:]
        let prefix = root.folder.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            guard let values = try? url.resourceValues(forKeys: [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey]),
                  values.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            let relative = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
            state[relative] = "\(values.fileSize ?? 0) \(values.contentModificationDate?.timeIntervalSince1970 ?? 0)"
        }
        return state
    }
}
