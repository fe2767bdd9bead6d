import Foundation

/// Remembers highlighted code and Graphviz pictures between builds, so a build with nothing changed
/// does not parse every cell again (swift-syntax is slow in a debug build) nor run `dot`.
///
/// Entries live in one JSON file together with a salt (the fingerprint of the renderer's sources
/// and the Graphviz version); a file with another salt is ignored. Only the entries a build used
/// are saved, so the file never grows beyond one site's worth.
public final class RenderMemo: @unchecked Sendable {
    private struct Contents: Codable {
        var salt: String
        /// `kind + "\n" + input` → output.
        var entries: [String: String]
    }

    private let file: URL
    private let salt: String
    private let lock = NSLock()
    private let stored: [String: String]
    private var used: [String: String] = [:]

    /// A memo kept in `file`, valid for `salt`; an unreadable or missing file starts empty.
    public init(file: URL, salt: String) {
        self.file = file
        self.salt = salt
        let data = (try? Data(contentsOf: file)) ?? Data()
        let contents = try? JSONDecoder().decode(Contents.self, from: data)
        stored = contents?.salt == salt ? contents!.entries : [:]
    }

    /// The memo for a package: `<cache>/render-memo.json`, salted with the fingerprint of
    /// `Sources/LessonKit/Render` and the output of `dot -V`.
    public static func forPackage(root: URL, cacheDirectory: URL, graphviz: Graphviz) -> RenderMemo {
        let sources = Fingerprint.ofTree(root.appendingPathComponent("Sources/LessonKit/Render"))
        return RenderMemo(file: cacheDirectory.appendingPathComponent("render-memo.json"),
                          salt: sources + "\n" + graphviz.version())
    }

    /// The remembered value for (`kind`, `input`), or `compute()`'s result, remembered.
    func value(_ kind: String, _ input: String, compute: () throws -> String) rethrows -> String {
        let key = kind + "\n" + input
        lock.lock()
        let known = used[key] ?? stored[key]
        lock.unlock()
        let value = try known ?? compute()
        lock.lock()
        used[key] = value
        lock.unlock()
        return value
    }

    /// Writes the entries used since `init` to the file (sorted keys).
    public func save() throws {
        lock.lock()
        defer { lock.unlock() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(Contents(salt: salt, entries: used)).write(to: file, options: .atomic)
    }
}
