import Foundation
@testable import LessonKit

/// Runs the fixture lessons in Tests/LessonKitTests/Fixtures/<folder> from a temporary copy, with
/// their own cache, and records the runner's progress events.
final class FixtureRun: @unchecked Sendable {
    /// The package root this test file lives in.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let root: URL
    let lessonsDirectory: URL
    private let lock = NSLock()
    private var recorded: [RunEvent] = []

    /// Copies the fixture folder to a fresh temporary `Lessons` folder.
    init(_ folder: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("lessonkit-tests-\(UUID().uuidString)")
        lessonsDirectory = root.appendingPathComponent("Lessons")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        guard let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw RunnerError("the Fixtures resource folder is missing from the test bundle")
        }
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(folder), to: lessonsDirectory)
    }

    /// The configuration: lessons and cache in the temporary folder; `packageRoot` is the real package
    /// (for the release Autograd library) when `withLibrary` is set, else the temporary folder.
    func configuration(withLibrary: Bool = false, force: Bool = false) -> RunnerConfiguration {
        RunnerConfiguration(packageRoot: withLibrary ? Self.packageRoot : root, lessonsDirectory: lessonsDirectory,
                            cacheDirectory: root.appendingPathComponent(".lessons-cache"), jobs: 2, useCache: !force)
    }

    func plan(withLibrary: Bool = false) throws -> [PlannedLesson] {
        let configuration = configuration(withLibrary: withLibrary)
        return try LessonPlanner.plan(directory: configuration.lessonsDirectory, packageRoot: configuration.packageRoot)
    }

    /// Plans and runs every lesson of the fixture folder.
    func run(withLibrary: Bool = false, force: Bool = false) throws -> [LessonResult] {
        try LessonRunner(configuration(withLibrary: withLibrary, force: force)).runAll(plan(withLibrary: withLibrary)) { event in
            self.lock.lock()
            self.recorded.append(event)
            self.lock.unlock()
        }
    }

    /// Events recorded so far, and forgets them.
    func takeEvents() -> [RunEvent] {
        lock.lock(); defer { lock.unlock() }
        defer { recorded = [] }
        return recorded
    }

    func text(of lesson: String) throws -> String {
        try String(contentsOf: lessonsDirectory.appendingPathComponent(lesson), encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }
}

extension Array where Element == LessonResult {
    /// The result of the lesson whose file name is `name`.
    func named(_ name: String) -> LessonResult? {
        first { $0.lesson.name == name }
    }
}
