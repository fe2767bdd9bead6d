import Foundation
import Testing
@testable import LessonKit

@Suite("Accept: rewriting output blocks byte for byte")
struct AcceptTests {
    @Test func acceptRoundTripsByteForByte() throws {
        let fixture = try FixtureRun("accept")
        let results = try fixture.run()
        let result = try #require(results.named("01-accept"))
        #expect(result.cells.map(\.status) == [.failed, .failed, .failed, .passed, .failed])

        let change = try #require(OutputAccepter.accept(result))
        #expect(change.cellLines == [5, 13, 20, 37])
        #expect(change.problems == [])
        let file = fixture.lessonsDirectory.appendingPathComponent("01-accept.md")
        try OutputAccepter.write(change.text, to: file, replacing: result.lesson.text)
        let expected = try Data(contentsOf: fixture.lessonsDirectory.appendingPathComponent("01-accept.md.expected"))
        #expect(try Data(contentsOf: file) == expected)

        let again = try #require(try fixture.run().named("01-accept"))
        #expect(again.succeeded)
        #expect(OutputAccepter.accept(again) == nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.lessonsDirectory.path)
        #expect(leftovers.sorted() == ["01-accept.md", "01-accept.md.expected"])
    }

    @Test func crlfFilesKeepTheirLineEndings() {
        let text = "# T\r\n\r\n```swift\r\nprint(1)\r\n```\r\n\r\n```output\r\n2\r\n```\r\n"
        let (lesson, _) = LessonParser.parse(text: text, file: "Lessons/01-t.md", absolutePath: "/t")
        let cell = CellResult(index: 0, line: 3, status: .failed, stdout: "1\n", actual: "1\n", diff: "-2\n+1\n")
        let result = LessonResult(lesson: lesson, cells: [cell], problems: [], fromCache: false, seconds: 0)
        #expect(OutputAccepter.accept(result)?.text == "# T\r\n\r\n```swift\r\nprint(1)\r\n```\r\n\r\n```output\r\n1\r\n```\r\n")
    }

    @Test func outputThatWouldCloseTheFenceIsRefused() {
        let text = "# T\n\n```swift\nprint(\"```\")\n```\n\n```output\nx\n```\n"
        let (lesson, _) = LessonParser.parse(text: text, file: "Lessons/01-t.md", absolutePath: "/t")
        let cell = CellResult(index: 0, line: 3, status: .failed, stdout: "```\n", actual: "```\n", diff: "-x\n+```\n")
        let change = OutputAccepter.accept(LessonResult(lesson: lesson, cells: [cell], problems: [], fromCache: false, seconds: 0))
        #expect(change?.text == text)
        #expect(change?.problems.map(\.line) == [7])
    }
}
