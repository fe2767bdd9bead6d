import Foundation

/// Answers that are slow to get from a tool (`swiftc --version`, the installed torch's version),
/// kept in `.lessons-cache/tools/` together with a stamp of every file the answer depends on, and
/// asked for again as soon as any of those files changed. Starting the two tools took most of a
/// fully cached `lessons test`.
///
/// A file's stamp is its device, inode, size, mode and modification and status-change times, of the
/// path itself and of what it links to: replacing, rewriting or re-pointing the file changes it (the
/// status-change time cannot be set back), and so does creating a file that was missing.
struct ToolMemo {
    /// `.lessons-cache/tools/`.
    let directory: URL

    private struct Entry: Codable {
        let question: String
        let lines: [String]
        /// Each file the answer depends on, with its stamp when the answer was stored.
        let stamps: [String: String]
    }

    /// The stored answer to `question` while every file it depends on is unchanged; otherwise the
    /// lines `ask` returns, stored with the stamps of the files it says they depend on. An answer
    /// during which one of those files changed is not stored.
    func answer(to question: String, ask: () throws -> (lines: [String], files: [String])) rethrows -> [String] {
        let url = directory.appendingPathComponent(SHA256.hex(question) + ".json")
        if let data = try? Data(contentsOf: url), let entry = try? JSONDecoder().decode(Entry.self, from: data),
           entry.question == question, entry.stamps.allSatisfy({ Self.stamp(of: $0.key) == $0.value }) {
            return entry.lines
        }
        let asked = time(nil)
        let (lines, files) = try ask()
        let stamps = Dictionary(files.map { ($0, Self.stamp(of: $0)) }) { first, _ in first }
        // A change in the second the tool was asked may not show in a stamp taken afterwards.
        guard !files.contains(where: { Self.changeTime(of: $0).map { $0 >= asked } ?? false }),
              let data = try? JSONEncoder().encode(Entry(question: question, lines: lines, stamps: stamps)) else {
            return lines
        }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? data.write(to: url, options: .atomic)
        return lines
    }

    /// The stamp of `path` and, when it is a symbolic link, of the file it leads to; "missing" when
    /// there is nothing at `path`.
    static func stamp(of path: String) -> String {
        var own = stat(), target = stat()
        guard lstat(path, &own) == 0 else { return "missing" }
        let link = stat(path, &target) == 0 ? describe(target) : "dangling"
        return describe(own) + " -> " + link
    }

    private static func describe(_ info: stat) -> String {
        "\(info.st_dev):\(info.st_ino) \(info.st_size) \(info.st_mode) "
            + "m\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) c\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
    }

    /// The later status-change time, in seconds, of `path` and what it links to; nil when missing.
    private static func changeTime(of path: String) -> time_t? {
        var own = stat(), target = stat()
        guard lstat(path, &own) == 0 else { return nil }
        return stat(path, &target) == 0 ? max(own.st_ctim.tv_sec, target.st_ctim.tv_sec) : own.st_ctim.tv_sec
    }

    /// Where `name` is started from: itself when it holds a `/`, else the first executable file of
    /// that name in this process's PATH, where `posix_spawnp` looks; nil when there is none.
    static func executablePath(_ name: String) -> String? {
        if name.contains("/") { return name }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/bin:/usr/bin"
        return path.split(separator: ":", omittingEmptySubsequences: false).lazy
            .map { ($0.isEmpty ? "." : String($0)) + "/" + name }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
