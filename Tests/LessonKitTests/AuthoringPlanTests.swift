import Foundation
import Testing
@testable import LessonKit

/// Mistakes caught before anything is compiled: forward references across cells, `#sourceLocation`
/// in a cell, near-miss fences, Markdown files that are not lessons.
@Suite("Authoring: plan-time checks")
struct AuthoringPlanTests {
    func plan(_ text: String) -> PlannedLesson {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("author-plan-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("01-t.md")
        try? Data(text.utf8).write(to: url)
        return LessonPlanner.plan(file: "Lessons/01-t.md", url: url)
    }

    @Test func aNameUsedOneCellBeforeItsDeclarationIsReportedAtBothLines() throws {
        let planned = plan("""
            # T

            ```swift
            let a = 1
            print(a + later)
            ```

            ```swift
            let later = 2
            ```

            """)
        let problem = try #require(planned.problems.first)
        #expect(planned.problems.count == 1)
        #expect((problem.line, problem.column) == (5, 11))
        #expect(problem.message.contains("'later' is used before the cell that declares it"))
        #expect(problem.detail == "Lessons/01-t.md:9:5: note: 'later' is declared here, in the cell at line 8")
    }

    @Test func usesThatRunLaterOrNameSomethingElseAreNotForwardReferences() {
        let planned = plan("""
            # T

            ```swift
            func train() { print(model) }
            let square = { (x: Int) in x * model }
            struct Box { var value: Int { model } }
            print([1].map { $0 }.count, Box.self, [[1]].map(\\.count), onlyInASkippedCell)
            ```

            ```swift
            for model in [1, 2] { print(model) }
            ```

            ```swift norun
            print(model)
            ```

            ```swift skip
            let onlyInASkippedCell = 3
            ```

            ```swift
            let model = 2
            let count = 3
            train()
            ```

            """)
        #expect(planned.problems == [])
    }

    @Test func theRealLessonsHaveNoPlanProblemsOrWarnings() throws {
        let root = FixtureRun.packageRoot
        let lessons = try LessonPlanner.plan(directory: root.appendingPathComponent("Lessons"), packageRoot: root)
        #expect(lessons.count >= 7)
        #expect(lessons.flatMap(\.problems) == [])
        #expect(lessons.flatMap(\.warnings) == [])
        #expect(try LessonPlanner.unnumberedFiles(in: root.appendingPathComponent("Lessons"), packageRoot: root) == [])
    }

    @Test func sourceLocationInACellIsRefused() {
        let planned = plan("# T\n\n```swift\nlet a = 1\n  #sourceLocation(file: \"x.swift\", line: 1)\nprint(a)\n```\n")
        #expect(planned.problems.map(\.line) == [5])
        #expect(planned.problems.first?.column == 3)
        #expect(planned.problems.first?.message.hasPrefix("#sourceLocation cannot be used in a cell") == true)
    }

    @Test func nearMissInfoStringsWarn() {
        let planned = plan("""
            # T

            ```swift
            print(1)
            ```

            ```python torch
            print(1)
            ```

            ```Swift
            ```

            ```ouput
            ```

            ```python
            plain python is fine
            ```

            ```text
            so is text
            ```

            """)
        #expect(planned.problems == [])
        #expect(planned.warnings.map(\.line) == [7, 11, 14])
        #expect(planned.warnings.first?.message.contains("did you mean '```python pytorch'") == true)
        #expect(InfoStringCheck.suggestion(for: "swfit hidden") == "swift hidden")
        #expect(InfoStringCheck.suggestion(for: "python pytroch") == "python pytorch")
        #expect(InfoStringCheck.suggestion(for: "pytorch") == "python pytorch")
        #expect(InfoStringCheck.suggestion(for: "sh") == nil)
        #expect(InfoStringCheck.suggestion(for: "python pytorch") == nil)
    }

    @Test func unnumberedMarkdownFilesWarnExceptTheReadme() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("author-unnumbered-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["01-a.md", "README.md", "my-lesson.md", "notes.txt"] {
            try Data("# x\n".utf8).write(to: folder.appendingPathComponent(name))
        }
        let warnings = try LessonPlanner.unnumberedFiles(in: folder, packageRoot: folder.deletingLastPathComponent())
        #expect(warnings.map(\.file) == ["\(folder.lastPathComponent)/my-lesson.md"])
        #expect(warnings.first?.message.contains("01-my-lesson.md") == true)
    }

    @Test func lessonsAreSelectedByNumberNameUniqueSlugPartOrPath() throws {
        let root = FixtureRun.packageRoot
        let lessons = try LessonPlanner.plan(directory: root.appendingPathComponent("Lessons"), packageRoot: root)
        for example in LessonSelector.helpExamples {
            let (selected, problems) = LessonSelector.select([example], from: lessons)
            #expect(selected.count == 1 && problems.isEmpty, "the help's example '\(example)' selects \(selected.count)")
        }
        #expect(LessonSelector.select(["04-dynamic-net"], from: lessons).selected.map(\.lesson.number) == [4])
        #expect(LessonSelector.select(["7", "debug", "1"], from: lessons).selected.map(\.lesson.number) == [1, 7])
        let (none, ambiguous) = LessonSelector.select(["dynamic"], from: lessons)
        #expect(none.isEmpty)
        #expect(ambiguous.first?.contains("matches 2 lessons") == true)
        #expect(LessonSelector.select(["99"], from: lessons).problems == ["no lesson matches '99'"])
    }

    @Test func aNewLessonFromTheTemplatePlansCleanly() {
        #expect(LessonTemplate.slug(for: "Dynamic networks, again!") == "dynamic-networks-again")
        let planned = plan(LessonTemplate.text(title: "Dynamic networks, again!"))
        #expect(planned.problems == [])
        #expect(planned.warnings == [])
        #expect(planned.lesson.title == "Dynamic networks, again!")
        #expect(planned.lesson.cells.count == 2)
        #expect(planned.lesson.cells.allSatisfy { $0.pythonTwin != nil })
    }
}
