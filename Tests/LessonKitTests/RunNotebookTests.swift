import Testing
@testable import LessonKit

@Suite("Run: a notebook lesson with every attribute")
struct RunNotebookTests {
    @Test func everyCellGetsItsStatus() throws {
        let results = try FixtureRun("notebook").run()
        let result = try #require(results.first)
        #expect(result.problems == [])
        #expect(result.succeeded)
        #expect(result.cells.map(\.status) == [
            .passed,            // hidden setup
            .passed,            // greeting
            .passed,            // a type declared here…
            .passed,            // …used here, with "..." lines and "..." inside a line
            .expectedFailure,   // should-fail
            .passed,            // state from before the should-fail cell, rich outputs
            .compileFail,       // compile-fail
            .compiledOnly,      // norun
            .skipped,           // skip
            .passed,            // the last cell
        ])
    }

    @Test func stateCarriesAcrossCellsButNotOutOfShouldFailCells() throws {
        let result = try #require(try FixtureRun("notebook").run().first)
        #expect(result.cells[1].stdout == "hello 1\n")
        #expect(result.cells[2].stdout == "(3, 4) 2\n")
        #expect(result.cells[3].stdout.hasPrefix("line 1 of (1, -1)\nline 2 of (2, -2)\n"))
        #expect(result.cells[4].stdout == "about to fail\n")
        #expect(result.cells[4].error == "Fatal error: Index out of range")
        #expect(result.cells[5].stdout == "counter is still 2\n")
        #expect(result.cells[9].stdout == "done 3\n")
    }

    @Test func richOutputsTravelBesideStdout() throws {
        let result = try #require(try FixtureRun("notebook").run().first)
        #expect(result.cells[5].richOutputs == [.dot("digraph { a -> b }"), .svg("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")])
        #expect(!result.cells[5].stdout.contains("digraph"))
    }

    @Test func compileFailCellsMatchTheirDiagnostic() throws {
        let result = try #require(try FixtureRun("notebook").run().first)
        #expect(result.cells[6].error == "error: cannot convert value of type 'String' to specified type 'Int'")
    }
}
