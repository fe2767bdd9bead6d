import Foundation

/// Writes a rendered site to disk atomically and compares it with a folder.
public enum SiteWriter {
    /// Writes `site` into `destination`, replacing what is there in one atomic step once every file
    /// is written, so `destination` is at every moment either the whole old site or the whole new one.
    ///
    /// The files go into a fresh temporary folder beside `destination` (same file system), which then
    /// trades places with `destination` by one `renameat2(RENAME_EXCHANGE)`; the temporary name then
    /// holds the old site, which is removed. `destination` stays a real folder (it is committed). If
    /// the runner is stopped at any point, the next write finds the leftover temporary folder and
    /// removes it, or puts it back when `destination` is missing (a site left by the older two-rename swap).
    public static func write(_ site: Site, to destination: URL) throws {
        let fileManager = FileManager.default
        let parent = destination.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        try recover(destination)
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).new-\(getpid())")
        Cleanup.shared.addPath(staging)
        defer {
            try? fileManager.removeItem(at: staging)
            Cleanup.shared.forgetPath(staging)
        }
        try writeFiles(site, into: staging)
        if fileManager.fileExists(atPath: destination.path) {
            try exchange(staging, destination)
        } else if rename(staging.path, destination.path) != 0 {
            throw RunnerError("cannot move the new site to \(destination.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes temporary folders an interrupted write left beside `destination`; when `destination`
    /// itself is missing, the newest leftover old site (`.<name>.old-PID`) is put back first.
    static func recover(_ destination: URL) throws {
        let fileManager = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        let leftovers = try fileManager.contentsOfDirectory(atPath: parent.path)
            .filter { $0.hasPrefix(".\(name).new-") || $0.hasPrefix(".\(name).old-") }.sorted()
        if !fileManager.fileExists(atPath: destination.path),
           let old = leftovers.last(where: { $0.hasPrefix(".\(name).old-") }) {
            try fileManager.moveItem(at: parent.appendingPathComponent(old), to: destination)
        }
        for leftover in leftovers where fileManager.fileExists(atPath: parent.appendingPathComponent(leftover).path) {
            try? fileManager.removeItem(at: parent.appendingPathComponent(leftover))
        }
    }

    /// Swaps two paths atomically with Linux's `renameat2(…, RENAME_EXCHANGE)` (looked up at run time:
    /// the C library declares it only for `_GNU_SOURCE`).
    static func exchange(_ a: URL, _ b: URL) throws {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        let renameExchange: UInt32 = 2
        guard let symbol = dlsym(nil, "renameat2") else {
            throw RunnerError("renameat2 is not available: the site cannot be swapped atomically")
        }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        guard renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, renameExchange) == 0 else {
            throw RunnerError("cannot swap \(a.path) and \(b.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes every file of `site` under `folder` (created if needed), in sorted path order.
    public static func writeFiles(_ site: Site, into folder: URL) throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        for path in site.files.keys.sorted() {
            let url = folder.appendingPathComponent(path)
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try site.files[path]!.write(to: url)
        }
    }

    /// How `site` differs from the files in `folder` (hidden files in `folder` are ignored).
    public static func compare(_ site: Site, with folder: URL) throws -> SiteDifference {
        let existing = try filesOnDisk(folder)
        var difference = SiteDifference()
        for path in site.files.keys.sorted() {
            guard let url = existing[path] else { difference.missing.append(path); continue }
            if try Data(contentsOf: url) != site.files[path] { difference.changed.append(path) }
        }
        difference.extra = existing.keys.filter { site.files[$0] == nil }.sorted()
        return difference
    }

    /// The regular files under `folder` by path relative to it; empty when `folder` does not exist.
    private static func filesOnDisk(_ folder: URL) throws -> [String: URL] {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        guard FileManager.default.fileExists(atPath: root.path),
              let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [:] }
        var files: [String: URL] = [:]
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in enumerator {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard path.hasPrefix(prefix) else { continue }
            files[String(path.dropFirst(prefix.count))] = url
        }
        return files
    }
}

/// Files that differ between a freshly rendered site and a folder on disk.
public struct SiteDifference: Equatable, Sendable {
    /// In both, with different bytes.
    public var changed: [String] = []
    /// Rendered but not on disk.
    public var missing: [String] = []
    /// On disk but no longer rendered.
    public var extra: [String] = []

    public init(changed: [String] = [], missing: [String] = [], extra: [String] = []) {
        self.changed = changed
        self.missing = missing
        self.extra = extra
    }

    /// True when the folder holds exactly the rendered files.
    public var isEmpty: Bool { changed.isEmpty && missing.isEmpty && extra.isEmpty }

    /// One line per file: `changed: index.html`, `missing: …`, `extra: …`.
    public var lines: [String] {
        changed.map { "changed: \($0)" } + missing.map { "missing: \($0)" } + extra.map { "extra: \($0)" }
    }
}
