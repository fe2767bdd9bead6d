import Testing
@testable import LessonKit

@Suite("Check: output matching rules and diffs")
struct CheckMatchTests {
    @Test func exactAfterNormalizingLineEndingsAndTrailingWhitespace() {
        #expect(OutputMatcher.matches(expected: "a\nb\n", actual: "a  \r\nb\t\r\n\n\n"))
        #expect(OutputMatcher.matches(expected: "", actual: ""))
        #expect(!OutputMatcher.matches(expected: "a\nb\n", actual: "a\n b\n"))
        #expect(!OutputMatcher.matches(expected: "a\n", actual: "a\nb\n"))
        #expect(!OutputMatcher.matches(expected: "", actual: "x\n"))
    }

    @Test func ellipsisLineMatchesAnyNumberOfLines() {
        let pattern = "first\n...\nlast\n"
        #expect(OutputMatcher.matches(expected: pattern, actual: "first\nlast\n"))
        #expect(OutputMatcher.matches(expected: pattern, actual: "first\n1\n2\n3\nlast\n"))
        #expect(!OutputMatcher.matches(expected: pattern, actual: "first\n1\n"))
        #expect(!OutputMatcher.matches(expected: pattern, actual: "1\nfirst\nlast\n"))
        #expect(OutputMatcher.matches(expected: "...\n", actual: ""))
        #expect(OutputMatcher.matches(expected: "...\nx\n...\n", actual: "a\nx\nb\nx\nc\n"))
    }

    @Test func ellipsisInsideALineMatchesAnyText() {
        #expect(OutputMatcher.matches(expected: "loss: ...\n", actual: "loss: 0.1234\n"))
        #expect(OutputMatcher.matches(expected: "a...b...c\n", actual: "a--b--b--c\n"))
        #expect(OutputMatcher.matches(expected: "...tail\n", actual: "the tail\n"))
        #expect(!OutputMatcher.matches(expected: "loss: ...\n", actual: "lost: 1\n"))
        #expect(!OutputMatcher.matches(expected: "a...b\n", actual: "a\nb\n"))
        #expect(!OutputMatcher.matches(expected: "ab...ba\n", actual: "aba\n"))
    }

    @Test func unifiedDiffShowsRemovedAndAddedLinesWithTheirLine() {
        let diff = UnifiedDiff.diff(expected: ["one", "2", "three"], actual: ["one", "two", "three"],
                                    file: "Lessons/01-x.md", firstLine: 10)
        #expect(diff == """
            --- expected, from Lessons/01-x.md:10
            +++ actual
            @@ -1,3 +1,3 @@
             one
            -2
            +two
             three

            """)
    }

    @Test func unifiedDiffOfFarApartChangesHasTwoHunks() {
        let expected = (1...20).map(String.init)
        var actual = expected
        actual[1] = "B"
        actual[18] = "S"
        let diff = UnifiedDiff.diff(expected: expected, actual: actual, file: "f.md", firstLine: 1)
        #expect(diff.split(separator: "\n").filter { $0.hasPrefix("@@") } == ["@@ -1,5 +1,5 @@", "@@ -16,5 +16,5 @@"])
    }
}
