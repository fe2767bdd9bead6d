import Testing
@testable import LessonKit

@Suite("Run: mismatches, compile errors, crashes, timeouts")
struct RunFailureTests {
    /// The failing fixtures run once; every test reads its own lesson's result.
    static let results: Result<[LessonResult], Error> = Result { try FixtureRun("failing").run() }

    func lesson(_ name: String) throws -> LessonResult {
        try #require(try Self.results.get().named(name))
    }

    @Test func aMismatchGivesADiffAtTheOutputBlock() throws {
        let result = try lesson("01-mismatch")
        let cell = result.cells[0]
        #expect(cell.status == .failed)
        #expect(cell.actual == "one\ntwo\nthree\n")
        #expect(cell.diff == """
            --- expected, from Lessons/01-mismatch.md:10
            +++ actual
            @@ -1,3 +1,3 @@
             one
            -2
            +two
             three

            """)
    }

    @Test func aCellWithoutAnOutputBlockMustPrintNothing() throws {
        let cell = try lesson("01-mismatch").cells[1]
        #expect(cell.status == .failed)
        #expect(cell.diff?.contains("+a cell without an output block") == true)
    }

    @Test func shouldFailAndCompileFailCellsThatDoNotFailFail() throws {
        let result = try lesson("01-mismatch")
        #expect(result.cells[2].status == .failed)
        #expect(result.cells[2].error == "the cell ran to the end, but it is marked should-fail")
        #expect(result.cells[3].status == .failed)
        #expect(result.cells[3].error == "the cell compiled, but it is marked compile-fail")
        #expect(result.passedCount == 0 && result.failedCount == 4)
    }

    @Test func aCompileErrorNamesTheMarkdownLine() throws {
        let result = try lesson("02-compile-error")
        #expect(result.problems.map(\.description)
                == ["Lessons/02-compile-error.md:11:17: error: cannot convert value of type 'Int' to specified type 'String'\n"
                    + "let c: String = b\n                ^"])
        #expect(result.cells.map(\.status) == [.notReached, .failed, .notReached])
    }

    @Test func aCrashNamesTheCellAndKeepsWhatItPrinted() throws {
        let result = try lesson("03-crash")
        #expect(result.cells.map(\.status) == [.passed, .failed, .notReached])
        #expect(result.cells[1].stdout == "printed before the crash\n")
        #expect(result.cells[1].error == "Fatal error: Index out of range")
        #expect(result.problems.map(\.description)
                == ["Lessons/03-crash.md:15: error: the lesson crashed at line 15, in the cell at line 12: Fatal error: Index out of range"])
    }

    @Test func warningsNameTheMarkdownLine() throws {
        let result = try lesson("03-crash")
        #expect(result.warnings.map(\.line) == [5])
        #expect(result.warnings.first?.message.hasPrefix("initialization of immutable value 'unused' was never used") == true)
    }

    @Test func aTimeoutKillsTheLessonAndIsReported() throws {
        let result = try lesson("04-timeout")
        #expect(result.cells.map(\.status) == [.passed, .failed, .notReached])
        #expect(result.cells[1].error?.hasPrefix("timed out after 2 s") == true)
        #expect(result.problems.map(\.line) == [13])
        #expect(result.seconds < 30)
    }
}
