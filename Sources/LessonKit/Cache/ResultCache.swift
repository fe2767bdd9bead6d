import Foundation

/// Lesson results stored as JSON under `.lessons-cache/results/`, one file per lesson, each
/// tagged with the key it was computed under.
struct ResultCache {
    let directory: URL

    /// What is stored for a lesson.
    struct Entry: Codable {
        let key: String
        let cells: [CellResult]
        /// The twins' results; nil when they did not run (`--no-twins`).
        var twins: [CellResult]?
        var torchVersion: String?
        let problems: [Problem]
        let warnings: [Problem]
    }

    private func file(for lesson: Lesson) -> URL {
        directory.appendingPathComponent("results").appendingPathComponent(lesson.name + ".json")
    }

    /// The stored entry for `lesson`, whatever its key; nil when there is none.
    func entry(for lesson: Lesson) -> Entry? {
        guard let data = try? Data(contentsOf: file(for: lesson)) else { return nil }
        return try? JSONDecoder().decode(Entry.self, from: data)
    }

    /// The stored results for `lesson` when they were computed under `key`.
    func results(for lesson: Lesson, key: String) -> Entry? {
        guard let entry = entry(for: lesson), entry.key == key,
              entry.cells.count == lesson.cells.count, entry.twins.map({ $0.count == lesson.twins.count }) ?? true else { return nil }
        return entry
    }

    /// Stores results, replacing the lesson's previous entry.
    func store(_ entry: Entry, for lesson: Lesson) throws {
        let url = file(for: lesson)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(entry).write(to: url, options: .atomic)
    }
}
