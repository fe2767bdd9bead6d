import Foundation
import Testing
@testable import LessonKit

@Suite("Cache: unchanged lessons are neither compiled nor run")
struct CacheRunTests {
    func compiled(_ events: [RunEvent]) -> [String] {
        events.compactMap { if case .compiling(let lesson) = $0 { lesson.name } else { nil } }
    }

    @Test func secondRunCompilesNothing() throws {
        let fixture = try FixtureRun("notebook")
        let first = try fixture.run()
        #expect(compiled(fixture.takeEvents()) == ["01-notebook"])
        #expect(first.allSatisfy { !$0.fromCache })

        let second = try fixture.run()
        #expect(compiled(fixture.takeEvents()) == [])
        #expect(second.allSatisfy { $0.fromCache })
        #expect(second.map(\.cells) == first.map(\.cells))
        #expect(second.map(\.problems) == first.map(\.problems))
    }

    @Test func forceAndEditsRunAgain() throws {
        let fixture = try FixtureRun("plan")
        _ = try fixture.run()
        _ = fixture.takeEvents()
        _ = try fixture.run(force: true)
        #expect(compiled(fixture.takeEvents()) == ["06-good"])

        let file = fixture.lessonsDirectory.appendingPathComponent("06-good.md")
        try (try fixture.text(of: "06-good.md") + "\nOne more paragraph.\n").write(to: file, atomically: true, encoding: .utf8)
        let edited = try fixture.run()
        #expect(compiled(fixture.takeEvents()) == ["06-good"])
        #expect(edited.named("06-good")?.succeeded == true)
    }

    @Test func timeoutsAreNotCached() throws {
        let fixture = try FixtureRun("failing")
        let lessons = try fixture.plan().filter { $0.lesson.name == "04-timeout" }
        let runner = LessonRunner(fixture.configuration())
        _ = try runner.runAll(lessons)
        let lastRuns = try runner.lastRuns(of: lessons.map(\.lesson))
        #expect(lastRuns.count == 1 && lastRuns[0] == nil)
    }

    @Test func theKeyCoversLessonTextLibraryToolchainAndRunner() {
        let (lesson, _) = LessonParser.parse(text: "# A\n", file: "Lessons/01-a.md", absolutePath: "/a")
        let (edited, _) = LessonParser.parse(text: "# A!\n", file: "Lessons/01-a.md", absolutePath: "/a")
        let key = CacheKey(library: "l", toolchain: "t", runner: "r", environment: "e")
        let keys = [
            key.key(for: lesson), key.key(for: edited),
            CacheKey(library: "l2", toolchain: "t", runner: "r", environment: "e").key(for: lesson),
            CacheKey(library: "l", toolchain: "t2", runner: "r", environment: "e").key(for: lesson),
            CacheKey(library: "l", toolchain: "t", runner: "r2", environment: "e").key(for: lesson),
            CacheKey(library: "l", toolchain: "t", runner: "r", environment: "e2").key(for: lesson),
        ]
        #expect(Set(keys).count == keys.count)
        #expect(key.key(for: lesson) == CacheKey(library: "l", toolchain: "t", runner: "r", environment: "e").key(for: lesson))
    }
}
