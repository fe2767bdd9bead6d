import Foundation
import Testing
@testable import LessonKit

/// Failure reports: the `...`-aware diff and its line numbers, the alignment `--accept` shares with
/// it, stable locations in checked output, compiler diagnostics mapped to the Markdown file.
@Suite("Authoring: reports")
struct AuthoringReportTests {
    @Test func theDiffTreatsMatchedWildcardsAsContextAndNumbersLinesWithinTheBlock() {
        let diff = UnifiedDiff.diff(expected: ["epoch 1", "...", "loss: ...", "done"],
                                    actual: ["epoch 1", "a", "b", "c", "loss: 0.5", "finished"],
                                    file: "Lessons/08-x.md", firstLine: 40)
        #expect(diff == """
            --- expected, from Lessons/08-x.md:40
            +++ actual
            @@ -1,4 +1,6 @@
             epoch 1
             ...
             loss: ...
            -done
            +finished

            """)
    }

    @Test func aDiffAgainstNoBlockSaysSoAndStartsAtLineZero() {
        #expect(UnifiedDiff.diff(expected: [], actual: ["x"], file: "f.md", firstLine: nil)
                == "--- expected: nothing (there is no output block)\n+++ actual\n@@ -0,0 +1,1 @@\n+x\n")
    }

    /// Differential: the alignment agrees with the matcher on random patterns and outputs, and what
    /// `--accept` would write from it always matches the output.
    @Test func theAlignmentAgreesWithTheMatcher() {
        var generator = SplitMix(seed: 14)
        let words = ["a", "b", "...", "a...", "...b", "x ... y", "x 1 y", ""]
        for _ in 0..<4000 {
            let pattern = (0..<Int(generator.next() % 6)).map { _ in words[Int(generator.next() % UInt64(words.count))] }
            let actual = (0..<Int(generator.next() % 6)).map { _ in ["a", "b", "ab", "x 1 y", "...", ""][Int(generator.next() % 6)] }
            let alignment = OutputAlignment(pattern: pattern, actual: actual)
            #expect(alignment.isMatch == OutputMatcher.matches(pattern, actual), "\(pattern) vs \(actual)")
            #expect(OutputMatcher.matches(alignment.acceptedLines, actual), "accepted \(alignment.acceptedLines) for \(actual)")
            if alignment.isMatch { #expect(alignment.acceptedLines == pattern) }
        }
    }

    @Test func theLessonsOwnLocationsInOutputAreCellRelative() {
        let text = "# T\n\n```swift\nlet a = 1\nprint(a)\n```\n\nProse.\n\n```swift\nprint(2)\n```\n"
        let lesson = LessonParser.parse(text: text, file: "Lessons/07-t.md", absolutePath: "/r/Lessons/07-t.md").lesson
        #expect(OutputLocations.stable("at Lessons/07-t.md:5 and /r/Lessons/07-t.md:11:3, in Lessons/07-t.md; Lessons/07-t.md:8",
                                       in: lesson)
                == "at <cell 1, line 2> and <cell 2, line 1>:3, in <lesson>; <lesson>:8")
    }

    @Test func diagnosticsOnGeneratedLinesGoToTheCellBeforeThem() {
        let text = "# T\n\n```swift\nlet a = 1\nlet b = 2\n```\n\n```swift\nlet c = 3\n```\n"
        let lesson = LessonParser.parse(text: text, file: "Lessons/01-x.md", absolutePath: "/r/Lessons/01-x.md").lesson
        let program = ProgramWriter.program(for: lesson)
        let lines = program.split(separator: "\n", omittingEmptySubsequences: false)
        // The first generated line after the first cell's code, and a line of the prologue.
        let afterFirst = lines.firstIndex { $0 == "#sourceLocation()" }! + 2
        let diagnostics = [Diagnostic(file: "/b/main.swift", line: afterFirst, column: 1, severity: "error", message: "after"),
                           Diagnostic(file: "/b/main.swift", line: 1, column: 1, severity: "warning", message: "prologue")]
        let located = DiagnosticLocator(program: program, programPath: "/b/main.swift", lesson: lesson,
                                        packageRoot: URL(fileURLWithPath: "/r")).locate(diagnostics)
        #expect(located.map { "\($0.file):\($0.line)" } == ["Lessons/01-x.md:5", "Lessons/01-x.md:4"])
    }

    @Test func columnsInIndentedFencesCountTheIndentation() {
        let text = "# T\n\n  ```swift\n  let a: String = 1\n  ```\n"
        let lesson = LessonParser.parse(text: text, file: "Lessons/01-x.md", absolutePath: "/r/Lessons/01-x.md").lesson
        let diagnostic = Diagnostic(file: "Lessons/01-x.md", line: 4, column: 17, severity: "error", message: "cannot convert")
        let located = DiagnosticLocator(program: "", programPath: "/b/main.swift", lesson: lesson,
                                        packageRoot: URL(fileURLWithPath: "/r")).locate([diagnostic])
        #expect(lesson.cells.first?.code.indent == 2)
        #expect(located.map(\.column) == [19])
    }

    @Test func pythonTracebackLocationsAreTwinRelative() {
        let text = "# T\n\n```swift\nlet a = 1\n```\n\n```python pytorch\nimport torch\nx = 1 / 0\n```\n"
        let lesson = LessonParser.parse(text: text, file: "Lessons/07-t.md", absolutePath: "/r/Lessons/07-t.md").lesson
        #expect(OutputLocations.stable("  File \"Lessons/07-t.md\", line 9, in <module>\n  File \"Lessons/07-t.md\", line 2",
                                       in: lesson)
                == "  File \"<twin 1>\", line 2, in <module>\n  File \"<lesson>\", line 2")
    }

    @Test func lessonSevensLocationsSurviveProseAddedAboveThem() throws {
        let url = FixtureRun.packageRoot.appendingPathComponent("Lessons/07-debugging.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let lesson = LessonParser.parse(text: text, file: "Lessons/07-debugging.md", absolutePath: url.path).lesson
        let moved = LessonParser.parse(text: "One more line of prose.\n\n" + text, file: "Lessons/07-debugging.md",
                                       absolutePath: url.path).lesson
        let cell = try #require(lesson.cells.first { $0.source.contains("func gate(") })
        let printed = { (line: Int) in "item() of 'mean_1' at Lessons/07-debugging.md:\(line) was 2.0000" }
        let stable = OutputLocations.stable(printed(cell.code.contentLine + 1), in: lesson)
        #expect(stable == "item() of 'mean_1' at <cell \(cell.index + 1), line 2> was 2.0000")
        #expect(OutputLocations.stable(printed(cell.code.contentLine + 3), in: moved) == stable)
        #expect(text.contains(stable), "lesson 7's output block uses the stable form")
    }

    @Test func llvmDiagnosticsKeepTheirSourceLineCaretFixItAndNotes() throws {
        let output = """
            /tmp/b/main.swift:10:1: error: expected '}' at end of brace statement

            ^
            Lessons/01-x.md:22:9: note: to match this opening '{'
            if true {
                    ^
            Lessons/01-x.md:20:12: error: missing argument for parameter 'lr' in call
            let x = f(1)
                       ^
                       , lr: <#Float#>
            /r/Sources/Autograd/Optim/SGD.swift:1:6: note: 'init(_:lr:file:line:)' declared here
            /tmp/b/main.swift:3:1: note: glue the author never wrote
            Lessons/01-x.md:20:12: error: missing argument for parameter 'lr' in call
            let x = f(1)
                       ^
            """
        let parsed = Diagnostic.parse(output)
        #expect(parsed.count == 3)
        #expect(parsed[1].excerpt == ["let x = f(1)", "           ^", "           , lr: <#Float#>"])
        let text = "# T\n\n```swift\n" + String(repeating: "x\n", count: 20) + "```\n"
        let lesson = LessonParser.parse(text: text, file: "Lessons/01-x.md", absolutePath: "/r/Lessons/01-x.md").lesson
        let located = DiagnosticLocator(program: "", programPath: "/tmp/b/main.swift", lesson: lesson,
                                        packageRoot: URL(fileURLWithPath: "/r")).locate(parsed)
        #expect(located.count == 2, "the repeated error is reported once")
        #expect((located[0].file, located[0].line, located[0].column) == ("Lessons/01-x.md", 22, 9))
        #expect(located[0].message == "expected '}' at end of brace statement; to match this opening '{'")
        let problem = located[1].problem
        #expect(problem.detail == """
            let x = f(1)
                       ^
                       , lr: <#Float#>
            Sources/Autograd/Optim/SGD.swift:1:6: note: 'init(_:lr:)' declared here
            """)
        #expect(!problem.formatted(severity: "error").contains("main.swift"))
    }
}
