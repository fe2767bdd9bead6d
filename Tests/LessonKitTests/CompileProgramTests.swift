import Testing
@testable import LessonKit

@Suite("Compile: the generated lesson program")
struct CompileProgramTests {
    let lesson = LessonParser.parse(text: """
        # T

        ```swift hidden
        import Autograd
        ```

        ```swift should-fail
        fatalError("x")
        ```

        ```swift compile-fail
        let a: Int = ""
        ```

        ```swift norun
        while true {}
        ```

        ```swift skip
        not swift
        ```
        """, file: "Lessons/01-\"odd\".md", absolutePath: "/x").lesson

    @Test func cellsAreMarkedAndLocated() {
        let program = ProgramWriter.program(for: lesson)
        #expect(program.hasPrefix(Prologue.source))
        let body = program.dropFirst(Prologue.source.count)
        #expect(body == """
            _lessonkitBegin(0)
            #sourceLocation(file: "Lessons/01-\\"odd\\".md", line: 4)
            import Autograd
            #sourceLocation()
            _lessonkitBegin(1)
            if _lessonkitFork() {
            #sourceLocation(file: "Lessons/01-\\"odd\\".md", line: 8)
            fatalError("x")
            #sourceLocation()
            _lessonkitSurvived()
            }
            _lessonkitBegin(3)
            if _lessonkitNever() {
            #sourceLocation(file: "Lessons/01-\\"odd\\".md", line: 16)
            while true {}
            #sourceLocation()
            }
            _lessonkitEnd()

            """)
    }

    @Test func compileFailCellsAreCheckedAfterTheCellsBeforeThem() {
        let program = ProgramWriter.compileFailProgram(for: lesson.cells[2], in: lesson)
        #expect(program.hasSuffix("""
            _lessonkitBegin(2)
            #sourceLocation(file: "Lessons/01-\\"odd\\".md", line: 12)
            let a: Int = ""
            #sourceLocation()

            """))
        #expect(program.contains("fatalError(\"x\")"))
        #expect(!program.contains("while true"))
    }

    @Test func stringLiteralsEscapeControlCharacters() {
        #expect(ProgramWriter.stringLiteral("a\\b\"c\n\u{1}") == #""a\\b\"c\u{a}\u{1}""#)
    }

    @Test func onlyLessonsImportingAutogradNeedTheLibrary() {
        #expect(AutogradLibrary.isImported(by: lesson))
        let plain = LessonParser.parse(text: "```swift\nimport Foundation\n```\n\n```swift skip\nimport Autograd\n```\n",
                                       file: "Lessons/02-p.md", absolutePath: "/p").lesson
        #expect(!AutogradLibrary.isImported(by: plain))
        #expect(Compiler.moduleName(for: lesson) == "Lesson01")
    }
}
