import Foundation

/// Writes a rendered site to disk atomically and compares it with a folder.
public enum SiteWriter {
    /// Writes `site` into `destination`, replacing what is there only once every file is written.
    ///
    /// The files go into a fresh temporary folder beside `destination` (same file system), which then
    /// takes `destination`'s place by two renames; the old folder is removed last. If anything fails
    /// before the swap, `destination` is untouched and the temporary folder is removed. Temporary
    /// folders left by an interrupted build are removed first.
    public static func write(_ site: Site, to destination: URL) throws {
        let fileManager = FileManager.default
        let parent = destination.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        let name = destination.lastPathComponent
        for leftover in try fileManager.contentsOfDirectory(atPath: parent.path)
        where leftover.hasPrefix(".\(name).new-") || leftover.hasPrefix(".\(name).old-") {
            try? fileManager.removeItem(at: parent.appendingPathComponent(leftover))
        }
        let staging = parent.appendingPathComponent(".\(name).new-\(ProcessInfo.processInfo.processIdentifier)")
        let retired = parent.appendingPathComponent(".\(name).old-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try writeFiles(site, into: staging)
            if fileManager.fileExists(atPath: destination.path) {
                try fileManager.moveItem(at: destination, to: retired)
            }
            do {
                try fileManager.moveItem(at: staging, to: destination)
            } catch {
                // Put the previous site back before reporting the failure.
                if fileManager.fileExists(atPath: retired.path) {
                    try? fileManager.moveItem(at: retired, to: destination)
                }
                throw error
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
        try? fileManager.removeItem(at: retired)
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
