import Testing
@testable import LessonKit

@Suite("Run: a lesson linked against the release Autograd library")
struct RunAutogradTests {
    /// Needs `swift build -c release --product AutogradStatic` (make lib) first.
    @Test func autogradLessonRuns() throws {
        let fixture = try FixtureRun("autograd")
        try fixture.configuration(withLibrary: true).library.requireBuilt()
        let result = try #require(try fixture.run(withLibrary: true).first)
        #expect(result.problems == [])
        #expect(result.cells.map(\.status) == [.passed, .passed])
        #expect(result.cells[1].stdout == "[2.0, 4.0, 6.0]\n")
    }
}
