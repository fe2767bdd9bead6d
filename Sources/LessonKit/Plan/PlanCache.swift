import Foundation

/// A lesson's plan checks, kept in `.lessons-cache/plans/` between runs. The checks that parse its
/// Swift with SwiftParser (cell structure, forward references, `#sourceLocation`) took most of a
/// fully cached `lessons test` in the debug build `make` and CI use; their verdicts depend only on
/// the lesson's file name and text and on the planner's code, which the key covers.
struct PlanCache {
    let directory: URL
    /// A fingerprint of the code that parses and plans lessons.
    let planner: String

    /// The cache of the package at `packageRoot` (its `.lessons-cache/plans/`).
    init(packageRoot: URL) {
        directory = packageRoot.appendingPathComponent(".lessons-cache/plans")
        planner = LessonRunner.version + " "
            + Fingerprint.ofTree(packageRoot.appendingPathComponent("Sources/LessonKit/Parse"))
            + Fingerprint.ofTree(packageRoot.appendingPathComponent("Sources/LessonKit/Plan"))
    }

    private struct Entry: Codable {
        let key: String
        let problems: [Problem]
        let warnings: [Problem]
    }

    /// The stored problems and warnings of `file` with this `text`, if the planner is unchanged.
    func checks(file: String, text: String) -> (problems: [Problem], warnings: [Problem])? {
        guard let data = try? Data(contentsOf: url(for: file)),
              let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.key == key(file: file, text: text)
        else { return nil }
        return (entry.problems, entry.warnings)
    }

    /// Keeps the checks of `file` with this `text` (a failure to write only costs the next run time).
    func store(file: String, text: String, problems: [Problem], warnings: [Problem]) {
        let entry = Entry(key: key(file: file, text: text), problems: problems, warnings: warnings)
        guard let data = try? JSONEncoder().encode(entry) else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? data.write(to: url(for: file), options: .atomic)
    }

    private func key(file: String, text: String) -> String {
        SHA256.hex(planner + "\n" + file + "\n" + text)
    }

    private func url(for file: String) -> URL {
        directory.appendingPathComponent(SHA256.hex(file) + ".json")
    }
}
