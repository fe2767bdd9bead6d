import Autograd
import Testing
@testable import LessonKit

@Suite("Serve: edited lessons and request rules")
struct ServeTests {
    /// Cells of every shape the replacement must handle: plain, indented, empty, with output and
    /// twin, with an attribute, and one at the very end of the file.
    let markdown = """
        # Edits

        ```swift
        var depth = 3
        ```
        ```output
        3
        ```

        An indented fence:

          ```swift
          print(depth)
          ```

        ```swift hidden
        ```

        ```swift
        let a = 1

        let b = 2
        ```
        ```python pytorch
        a = 1
        ```

        ```swift
        print("the last cell")
        ```
        """

    func lesson(_ text: String? = nil) -> Lesson {
        LessonParser.parse(text: text ?? markdown, file: "Lessons/01-edits.md", absolutePath: "/x/Lessons/01-edits.md").lesson
    }

    /// Random cell bodies: valid Swift lines (the planner checks cells' syntax) with spaces, tabs,
    /// quotes, blank lines and backticks that cannot close a fence, in random order and number.
    func randomSource(_ generator: inout some RandomNumberGenerator) -> String {
        let pool = ["let a = 1", "print(\"text with  spaces\")", "// a comment with ``` inside", "",
                    "    var b = [1, 2]", "\tb.append(3)", "if a > 0 { print(a) }", "/* block */ let c = \"```\"",
                    "    // ```"]
        let lines = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pool.randomElement(using: &generator)! }
        let text = lines.joined(separator: "\n")
        return Bool.random(using: &generator) ? text : text + "\n"
    }

    @Test func replacingACellKeepsEveryOtherCellAndRoundTrips() throws {
        var generator = SeededGenerator(seed: 15)
        let original = lesson()
        #expect(original.cells.count == 5)
        for cell in original.cells {
            for _ in 0..<40 {
                let source = randomSource(&generator)
                let edited: Lesson
                do {
                    edited = try EditedLesson.replacing(cellAt: cell.line, with: source, in: original)
                } catch {
                    Issue.record("cell at line \(cell.line), source \(source.debugDescription): \(error)")
                    continue
                }
                #expect(edited.cells.count == original.cells.count)
                #expect(edited.cells[cell.index].source == EditedLesson.normalized(source))
                #expect(edited.cells[cell.index].line == cell.line)
                for other in original.cells where other.index != cell.index {
                    #expect(edited.cells[other.index].source == other.source)
                    #expect(edited.cells[other.index].attributes == other.attributes)
                    #expect(edited.cells[other.index].output?.content == other.output?.content)
                }
                let back = try EditedLesson.replacing(cellAt: cell.line, with: cell.source, in: edited)
                #expect(back.text == original.text, "cell at line \(cell.line), source \(source.debugDescription)")
            }
        }
    }

    @Test func refusesEditsThatChangeTheLessonsShape() {
        let original = lesson()
        let first = original.cells[0].line
        #expect(throws: EditError.self) { try EditedLesson.replacing(cellAt: first + 1, with: "x\n", in: original) }
        #expect(throws: EditError.self) {
            try EditedLesson.replacing(cellAt: first, with: "print(1)\n```\n\n```swift\nprint(2)\n", in: original)
        }
        #expect(throws: EditError.self) {
            try EditedLesson.replacing(cellAt: first, with: "print(1)\n```\n```output\n9\n", in: original)
        }
        #expect(throws: EditError.self) { try EditedLesson.replacing(cellAt: first, with: "x\n   ```\n", in: original) }
        // Backticks that cannot close the fence are code like any other.
        for code in ["let s = \"```\"\n", "    // ```\n", "// ~~~\n"] {
            #expect((try? EditedLesson.replacing(cellAt: first, with: code, in: original))?.cells[0].source == code)
        }
        let huge = String(repeating: "x", count: EditedLesson.maxSourceBytes + 1)
        #expect(throws: EditError.self) { try EditedLesson.replacing(cellAt: first, with: huge, in: original) }
        #expect(original.text == markdown)
    }

    @Test func compileErrorsOfTheEditedCellKeepItsLines() throws {
        let original = lesson()
        let edited = try EditedLesson.replacing(cellAt: original.cells[3].line, with: "let a = 1\nlet b: Int = \"x\"\n",
                                                in: original)
        #expect(edited.cells[3].code.contentLine == original.cells[3].code.contentLine)
        #expect(edited.cells[4].line == original.cells[4].line - 1)
    }

    let rules = RequestGuard(port: 8123, token: "0123456789abcdef0123456789abcdef")

    @Test func readsNeedOnlyTheLoopbackHost() {
        for host in ["127.0.0.1:8123", "localhost:8123", "LOCALHOST:8123"] {
            #expect(rules.refusal(host: host, origin: nil, givenToken: nil, changesState: false) == nil)
        }
        for host in ["attacker.example:8123", "127.0.0.1:9999", "127.0.0.1", "localhost.attacker.example:8123",
                     "[::1]:8123", "0.0.0.0:8123", ""] {
            #expect(rules.refusal(host: host, origin: nil, givenToken: nil, changesState: false) != nil)
        }
        #expect(rules.refusal(host: nil, origin: nil, givenToken: nil, changesState: false) != nil)
    }

    @Test func runsNeedTheOriginAndTheToken() {
        let host = "127.0.0.1:8123", origin = "http://127.0.0.1:8123", token = rules.token
        #expect(rules.refusal(host: host, origin: origin, givenToken: token, changesState: true) == nil)
        #expect(rules.refusal(host: "localhost:8123", origin: "http://localhost:8123", givenToken: token, changesState: true) == nil)
        let refused: [(String?, String?, String?)] = [
            ("attacker.example:8123", "http://attacker.example:8123", token),
            (host, "http://attacker.example", token),
            (host, "https://127.0.0.1:8123", token),
            (host, "null", token),
            (host, nil, token),
            (host, origin, nil),
            (host, origin, ""),
            (host, origin, String(token.dropLast()) + "0"),
            (host, origin, token + "0"),
        ]
        for (host, origin, token) in refused {
            #expect(rules.refusal(host: host, origin: origin, givenToken: token, changesState: true) != nil,
                    "\(String(describing: host)) \(String(describing: origin)) \(String(describing: token))")
        }
    }

    @Test func tokensAreFreshAndLong() {
        let tokens = Set((0..<100).map { _ in RequestGuard.newToken() })
        #expect(tokens.count == 100)
        #expect(tokens.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
    }
}

/// Autograd's seeded SplitMix64 generator as a `RandomNumberGenerator`, so the random edits are the
/// same on every run.
struct SeededGenerator: RandomNumberGenerator {
    let generator: Autograd.Generator
    init(seed: UInt64) { generator = Autograd.Generator(seed: seed) }
    mutating func next() -> UInt64 { generator.next() }
}
