import Testing
@testable import LessonKit

@Suite("Parse: Markdown to lessons")
struct ParseTests {
    let markdown = """
        Intro before the title.

        # The *title* with `code`

        Some prose.

        ```swift hidden norun
        let x = 1
        ```
        ```output
        1
        ```

        ```python pytorch
        x = 1
        ```

        More prose

        ```text
        not a cell
        ```

        ```swift
        print(x)
        """

    @Test func titleCellsAndLines() {
        let (lesson, problems) = LessonParser.parse(text: markdown, file: "Lessons/07-the-slug.md", absolutePath: "/x/Lessons/07-the-slug.md")
        #expect(problems.isEmpty)
        #expect(lesson.title == "The title with code")
        #expect(lesson.number == 7 && lesson.slug == "the-slug" && lesson.name == "07-the-slug")
        let cells = lesson.cells
        #expect(cells.count == 2)
        #expect(cells[0].line == 7 && cells[0].code.contentLine == 8)
        #expect(cells[0].attributes == [.hidden, .norun])
        #expect(cells[0].source == "let x = 1\n")
        #expect(cells[0].output?.content == "1\n")
        #expect(cells[0].output?.line == 10)
        #expect(cells[0].pythonTwin?.content == "x = 1\n")
        #expect(cells[1].index == 1 && cells[1].line == 24)
        #expect(cells[1].code.isClosed == false)
        #expect(cells[0].code.isClosed && cells[0].code.endLine == 9)
    }

    @Test func proseSlicesLeaveOutTheTitleAndCells() {
        let (lesson, _) = LessonParser.parse(text: markdown, file: "Lessons/07-the-slug.md", absolutePath: "/x")
        let prose = lesson.blocks.compactMap { if case .prose(let p) = $0 { p } else { nil } }
        #expect(prose.map(\.markdown) == ["Intro before the title.\n", "Some prose.\n",
                                          "More prose\n\n```text\nnot a cell\n```\n"])
        #expect(prose.map(\.startLine) == [1, 5, 18])
        #expect(prose.map(\.endLine) == [1, 5, 22])
        guard case .prose = lesson.blocks[0], case .prose = lesson.blocks[1], case .cell = lesson.blocks[2],
              case .prose = lesson.blocks[3], case .cell = lesson.blocks[4] else {
            Issue.record("blocks out of order: \(lesson.blocks)")
            return
        }
    }

    @Test func unknownAttributesAndStrayFencesAreKept() {
        let text = "# T\n\n```output\nstray\n```\n\n```swift hiden\n```\n\nText.\n\n```output\nalso stray\n```\n"
        let (lesson, _) = LessonParser.parse(text: text, file: "Lessons/01-t.md", absolutePath: "/x")
        #expect(lesson.cells.first?.unknownAttributes == ["hiden"])
        let strays = lesson.blocks.compactMap { if case .stray(let f) = $0 { f.line } else { nil } }
        #expect(strays == [3, 12])
    }

    @Test func settingsComment() {
        let (lesson, problems) = LessonParser.parse(text: "# T\n\n<!-- lessons: timeout=7.5 -->\n", file: "f.md", absolutePath: "/x")
        #expect(lesson.settings.timeout == 7.5)
        #expect(problems.isEmpty)
        let (_, bad) = LessonParser.parse(text: "# T\n\n<!-- lessons: timeout=-1 speed=9 -->\n", file: "f.md", absolutePath: "/x")
        #expect(bad.map(\.line) == [3, 3])
        #expect(bad.map(\.message).first?.contains("positive number") == true)
    }

    @Test func lessonNames() {
        #expect(LessonName(path: "Lessons/03-dynamic-net.md").number == 3)
        #expect(LessonName(path: "README.md").isLessonName == false)
        #expect(LessonName(path: "12-x.md").slug == "x")
    }
}
