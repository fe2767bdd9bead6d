import Foundation
import Testing
@testable import LessonKit

/// `--accept` over every real lesson with every output block altered, and over malformed lessons:
/// only the altered blocks change, byte for byte; wildcards that still match stay; anything that
/// would change more is refused and leaves the file as it was.
@Suite("Accept: cannot damage a lesson")
struct AcceptSafetyTests {
    static let realLessons: [Lesson] = {
        let root = FixtureRun.packageRoot
        return ((try? LessonPlanner.plan(directory: root.appendingPathComponent("Lessons"), packageRoot: root)) ?? []).map(\.lesson)
    }()

    @Test func everyRealLessonWithEveryOutputAlteredChangesOnlyThoseBlocks() throws {
        #expect(Self.realLessons.count >= 7)
        var generator = SplitMix(seed: 17)
        var acceptedBlocks = 0
        for round in 0..<6 {
            for lesson in Self.realLessons {
                let actual = Dictionary(uniqueKeysWithValues: lesson.cells.map { cell in
                    (cell.index, Self.altered(cell.output?.content ?? "", round: round, &generator))
                })
                let twinActual = Dictionary(uniqueKeysWithValues: lesson.twins.map { twin in
                    (twin.index, Self.altered(twin.output?.content ?? "", round: round + 1, &generator))
                })
                let result = Self.result(lesson, actual: actual, twins: twinActual)
                guard let change = OutputAccepter.accept(result) else {
                    #expect(result.cells.allSatisfy { $0.diff == nil }, "\(lesson.file): nothing accepted though outputs differ")
                    continue
                }
                #expect(change.problems == [], "\(lesson.file) round \(round): \(change.problems)")
                acceptedBlocks += (result.cells + result.twins).filter { $0.diff != nil }.count
                try Self.checkOnlyBlocksChanged(lesson, change, result)
                // Accepting again with the same output changes nothing.
                let reparsed = LessonParser.parse(text: change.text, file: lesson.file, absolutePath: lesson.absolutePath).lesson
                #expect(OutputAccepter.accept(Self.result(reparsed, actual: actual, twins: twinActual)) == nil,
                        "\(lesson.file) is not stable")
            }
        }
        #expect(acceptedBlocks > 300)
    }

    @Test func wildcardsThatStillMatchStayAndDroppedOnesAreNamed() throws {
        let text = "# T\n\n```swift\nprint(1)\n```\n\n```output\nloss: ...\n...\nend\nstep ... done\n```\n"
        let lesson = LessonParser.parse(text: text, file: "Lessons/01-t.md", absolutePath: "/t").lesson
        let change = try #require(OutputAccepter.accept(Self.result(lesson, actual: [0: "loss: 0.25\na\nb\nend\nstep 3 finished\n"])))
        #expect(change.text == "# T\n\n```swift\nprint(1)\n```\n\n```output\nloss: ...\n...\nend\nstep 3 finished\n```\n")
        #expect(change.notes.map(\.line) == [11])
        #expect(change.notes.first?.message.contains("step ... done") == true)
    }

    @Test func anUnclosedOutputFenceThatSwallowsATwinIsRefused() throws {
        // The output fence is never closed: cmark runs it to the twin's closing fence.
        let text = """
            # T

            ```swift
            print("new")
            ```

            ```output
            old

            ```python pytorch
            print("new")
            ```

            Prose after.

            """
        let lesson = LessonParser.parse(text: text, file: "Lessons/01-t.md", absolutePath: "/t").lesson
        let change = try #require(OutputAccepter.accept(Self.result(lesson, actual: [0: "new\n"])))
        #expect(change.text == text)
        #expect(change.cellLines == [])
        #expect(change.problems.map(\.line) == [7])
        #expect(change.problems.first?.message.contains("line 10") == true)
        #expect(SwallowedFenceCheck.warnings(in: lesson).map(\.line) == [7], "the planner warns about it too")
    }

    @Test func outputHoldingItsClosingFenceIsRefused() throws {
        let text = "# T\n\n  ```swift\n  print(1)\n  ```\n\n  ```output\n  x\n  ```\n"
        let lesson = LessonParser.parse(text: text, file: "Lessons/01-t.md", absolutePath: "/t").lesson
        let change = try #require(OutputAccepter.accept(Self.result(lesson, actual: [0: "a\n````\n"])))
        #expect(change.text == text)
        #expect(change.problems.count == 1)
    }

    @Test func aRewriteThatChangesAnythingElseIsRefusedByTheVerifier() {
        let text = "# T\n\n```swift\nprint(1)\n```\n\n```output\n1\n```\n\n```python pytorch\nprint(1)\n```\n"
        let lesson = LessonParser.parse(text: text, file: "Lessons/01-t.md", absolutePath: "/t").lesson
        #expect(AcceptVerifier.verify(lesson, acceptedText: text.replacingOccurrences(of: "```output\n1", with: "```output\n2"),
                                      outputs: [3: "2\n"]) == nil)
        for damaged in [text.replacingOccurrences(of: "print(1)\n```\n\n```output", with: "print(2)\n```\n\n```output"),
                        text.replacingOccurrences(of: "```python pytorch\nprint(1)\n```\n", with: ""),
                        text.replacingOccurrences(of: "# T", with: "# U"),
                        text + "\nMore prose.\n"] {
            #expect(AcceptVerifier.verify(lesson, acceptedText: damaged, outputs: [:]) != nil, "\(damaged)")
        }
    }

    @Test func writingRefusesAFileThatChangedSinceItWasParsed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accept-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("01-t.md")
        try Data("edited by the author\n".utf8).write(to: file)
        #expect(throws: RunnerError.self) { try OutputAccepter.write("accepted\n", to: file, replacing: "as parsed\n") }
        #expect(try String(contentsOf: file, encoding: .utf8) == "edited by the author\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["01-t.md"])
    }

    // MARK: - Helpers

    /// The result the checker would give for `actual` outputs (cell index → printed text) and
    /// `twins` outputs (twin index → printed text).
    static func result(_ lesson: Lesson, actual: [Int: String], twins: [Int: String] = [:]) -> LessonResult {
        func checked(_ index: Int, _ code: Fence, _ output: Fence?, _ printed: String) -> CellResult {
            let diff = OutputMatcher.diff(block: output, actual: printed, file: lesson.file, after: code)
            return CellResult(index: index, line: code.line, status: diff == nil ? .passed : .failed, stdout: printed,
                              actual: printed, diff: diff)
        }
        return LessonResult(lesson: lesson, cells: lesson.cells.map { checked($0.index, $0.code, $0.output, actual[$0.index] ?? "") },
                            twins: lesson.twins.map { checked($0.index, $0.code, $0.output, twins[$0.index] ?? "") },
                            problems: [], fromCache: false, seconds: 0)
    }

    /// A changed version of an output block's text: lines edited, added, removed, or all gone.
    static func altered(_ content: String, round: Int, _ generator: inout SplitMix) -> String {
        var lines = OutputText.lines(content).map { $0 == "..." ? "expanded \(generator.next() % 100)" : $0 }
        switch (round + Int(generator.next() % 4)) % 5 {
        case 0: if !lines.isEmpty { lines[Int(generator.next() % UInt64(lines.count))] = "changed \(generator.next() % 1000)" }
        case 1: lines.insert("inserted `code` <b>", at: Int(generator.next() % UInt64(lines.count + 1)))
        case 2: if !lines.isEmpty { lines.remove(at: Int(generator.next() % UInt64(lines.count))) }
        case 3: lines = []
        default: lines += ["", "  indented tail", "tab\tinside"]
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The new text equals the old one outside the changed output blocks (and the added ones), line
    /// for line; each changed block now matches what was printed, keeping the wildcards that do.
    static func checkOnlyBlocksChanged(_ lesson: Lesson, _ change: OutputAccepter.Change, _ result: LessonResult) throws {
        let reparsed = LessonParser.parse(text: change.text, file: lesson.file, absolutePath: lesson.absolutePath).lesson
        #expect(reparsed.cells.count == lesson.cells.count && reparsed.twins.count == lesson.twins.count)
        // Each code fence with its output block, before and after, and what it printed when that differed.
        let pairs = zip(lesson.cells, reparsed.cells).map { ($0.code, $0.output, $1.code, $1.output, result.cells[$0.index]) }
            + zip(lesson.twins, reparsed.twins).map { ($0.code, $0.output, $1.code, $1.output, result.twins[$0.index]) }
        var oldKept = SourceLines(lesson.text).lines.enumerated().map { ($0.offset + 1, $0.element) }
        var newKept = SourceLines(change.text).lines.enumerated().map { ($0.offset + 1, $0.element) }
        for (_, oldOutput, newCode, newOutput, printed) in pairs where printed.diff != nil {
            let newOutput = try #require(newOutput, "\(lesson.file):\(newCode.line) has no output block after accepting")
            #expect(OutputMatcher.matches(expected: newOutput.content, actual: printed.actual))
            if let oldOutput {
                oldKept.removeAll { oldOutput.line < $0.0 && $0.0 < oldOutput.endLine }
                newKept.removeAll { newOutput.line < $0.0 && $0.0 < newOutput.endLine }
                let newLines = OutputText.lines(newOutput.content)
                for (index, line) in OutputText.lines(oldOutput.content).enumerated() where line.contains("...") {
                    let named = change.notes.contains { $0.line == oldOutput.contentLine + index }
                    #expect(newLines.contains(line) || named, "\(lesson.file): wildcard '\(line)' dropped silently")
                }
            } else {
                newKept.removeAll { newCode.endLine < $0.0 && $0.0 <= newOutput.endLine }
            }
        }
        #expect(oldKept.map(\.1) == newKept.map(\.1), "\(lesson.file): text outside the accepted blocks changed")
    }
}

/// A small seeded generator (SplitMix64) so the altered outputs are the same on every run (these
/// tests do not link Autograd, whose `Generator` is the same algorithm).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
