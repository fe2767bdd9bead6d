import Foundation

/// SHA-256 fingerprints of source trees, for cache keys.
enum Fingerprint {
    /// The hash of every `.swift`, `.h` and `.modulemap` file under `directory` (paths and contents,
    /// in path order), skipping subdirectories named in `excluding`; "" when the directory is missing.
    static func ofTree(_ directory: URL, excluding: Set<String> = []) -> String {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isDirectoryKey]) else {
            return ""
        }
        var files: [(String, URL)] = []
        for case let url as URL in enumerator {
            if excluding.contains(url.lastPathComponent) {
                enumerator.skipDescendants()
                continue
            }
            guard ["swift", "h", "modulemap"].contains(url.pathExtension) else { continue }
            files.append((LessonPlanner.relativePath(of: url, to: directory), url))
        }
        var hash = SHA256()
        for (path, url) in files.sorted(by: { $0.0 < $1.0 }) {
            hash.update(path + "\n")
            hash.update((try? Data(contentsOf: url)) ?? Data())
            hash.update("\n")
        }
        return hash.hexDigest()
    }
}
