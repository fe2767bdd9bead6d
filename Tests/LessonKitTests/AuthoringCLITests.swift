import Foundation
import Testing
@testable import LessonKit

/// The `lessons` executable as an author uses it, run in a temporary package folder: `new`, `show`,
/// `run`, `test` reports (diagnostics, diffs, hints, colour), plan warnings and the page check.
/// Needs the debug build of the CLI (`swift build --build-tests` builds it).
@Suite("Authoring: the lessons CLI", .serialized)
struct AuthoringCLITests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("author-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Lessons"), withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent("Lessons/\(name)"))
    }

    /// Runs `lessons arguments…` in the temporary folder; its exit status and stdout+stderr.
    func lessons(_ arguments: String..., environment: [String: String] = ["NO_COLOR": "1"]) throws -> (status: Int32, output: String) {
        let binary = FixtureRun.packageRoot.appendingPathComponent(".build/debug/lessons")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw RunnerError("\(binary.path) is missing: build it with `swift build` first")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func newWritesTheNextNumberedLessonAndShowMarksCells() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write("01-first.md", "# First\n\n```swift\nlet a = 1\n```\n\n```swift hidden\nprint(a)\n```\n")
        let made = try lessons("new", "A Second Lesson!")
        #expect(made.status == 0)
        #expect(made.output == "Lessons/02-a-second-lesson.md\n")
        let text = try String(contentsOf: root.appendingPathComponent("Lessons/02-a-second-lesson.md"), encoding: .utf8)
        #expect(text == LessonTemplate.text(title: "A Second Lesson!"))
        #expect(try lessons("new", "A Second Lesson!").output == "Lessons/03-a-second-lesson.md\n")

        let shown = try lessons("show", "first")
        #expect(shown.status == 0)
        #expect(shown.output.contains("// ── cell 1: Lessons/01-first.md:3\n#sourceLocation(file: \"Lessons/01-first.md\", line: 4)\nlet a = 1\n"))
        #expect(shown.output.contains("// ── cell 2: Lessons/01-first.md:7 [hidden]\n"))
        #expect(try lessons("show", "second").status != 0, "'second' matches two lessons")
    }

    @Test func runMarksEachCellsOutputAndTestReportsLikeACompiler() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write("01-report.md", """
            # Report

            ```swift
            print("one")
            print("two")
            ```

            ```output
            one
            ...
            three
            ```

            ```python torch
            print("one")
            ```

            """)
        try write("my-notes.md", "# not a lesson\n")
        let run = try lessons("run", "1", "--no-twins")
        #expect(run.output.contains("print(\"two\")\n── output\none\ntwo\n"))
        #expect(!run.output.contains("\u{1B}["), "NO_COLOR is respected")

        let test = try lessons("test", "report", "--no-twins")
        #expect(test.status != 0)
        #expect(test.output.contains("Lessons/my-notes.md:1: warning: not a lesson"))
        #expect(test.output.contains("Lessons/01-report.md:14: warning: the fence '```python torch'"))
        #expect(test.output.contains("""
            --- expected, from Lessons/01-report.md:9
            +++ actual
            @@ -1,3 +1,2 @@
             one
             ...
            -three

            """))
        #expect(test.output.contains("hint: if the new output is right, write it into the output blocks with `lessons test 1 --accept`"))
        #expect(test.output.hasSuffix("0 passed, 1 failed\n"))
    }

    /// On a terminal (a pseudo-terminal from util-linux `script`) the report is coloured, unless
    /// `NO_COLOR` is set; through a pipe it never is.
    @Test func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write("01-colour.md", "# Colour\n\n```swift\nprint(1)\n```\n\n```output\n2\n```\n")
        let binary = FixtureRun.packageRoot.appendingPathComponent(".build/debug/lessons").path
        let command = "script -qec '\(binary) test 1 --no-twins' /dev/null"
        let onTerminal = try lessons(shell: command, environment: ["NO_COLOR": "", "TERM": "xterm"])
        #expect(onTerminal.contains("\u{1B}[31m-2"), "a removed line is red on a terminal")
        let noColor = try lessons(shell: command, environment: ["NO_COLOR": "1", "TERM": "xterm"])
        #expect(noColor.contains("-2") && !noColor.contains("\u{1B}["))
        #expect(!(try lessons("test", "1", "--no-twins", environment: ["NO_COLOR": "", "TERM": "xterm"]).output.contains("\u{1B}[")))
    }

    /// Runs a shell command in the temporary folder; its stdout.
    func lessons(shell command: String, environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func compileErrorsShowSourceCaretFixItsAndNotesInTheMarkdownFile() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write("01-broken.md", """
            # Broken

            ```swift
            func step(_ x: Int, lr: Float) -> Int { x }
            do { var unmutated = 1; print(unmutated) }
            ```

            ```swift
            print(step(1))
            ```

            """)
        let test = try lessons("test", "1", "--no-twins")
        #expect(test.status != 0)
        #expect(test.output.contains("""
            Lessons/01-broken.md:9:13: error: missing argument for parameter 'lr' in call
            print(step(1))
                        ^
                        , lr: <#Float#>
            Lessons/01-broken.md:4:6: note: 'step(_:lr:)' declared here
            """))
        #expect(!test.output.contains("main.swift"))
        #expect(!test.output.contains(".lessons-cache"))
        let warnings = test.output.components(separatedBy: "\n").filter { $0.contains(": warning: variable 'unmutated' was never mutated") }
        #expect(warnings == ["Lessons/01-broken.md:5:10: warning: variable 'unmutated' was never mutated; consider changing to 'let' constant"])
        #expect(test.output.contains("hint: `lessons show 1`"))
    }

    @Test func resultsArePrintedInLessonOrderWhateverOrderTheyFinishIn() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write("01-slow.md", "# Slow\n\n```swift\nimport Glibc\nusleep(2_000_000)\n```\n")
        try write("02-fast.md", "# Fast\n\n```swift\nlet x = 1\n```\n")
        try write("03-fast.md", "# Fast too\n\n```swift\nlet y = 2\n```\n")
        let test = try lessons("test", "-j", "3", "--no-twins")
        #expect(test.status == 0)
        let finished = test.output.split(separator: "\n").filter { $0.hasPrefix("ok") }.map { $0.split(separator: " ").dropFirst().first ?? "" }
        #expect(finished == ["Lessons/01-slow.md", "Lessons/02-fast.md", "Lessons/03-fast.md"])
    }

    @Test func acceptWritesTheOutputAndReportsTheLessonRunAgain() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write("01-accept.md", "# Accept\n\n```swift\nprint(\"loss:\", 0.25)\nprint(\"done\")\n```\n\n```output\nloss: ...\nfinished\n```\n")
        let test = try lessons("test", "1", "--accept", "--no-twins")
        #expect(test.status == 0)
        #expect(test.output.contains("FAIL  Lessons/01-accept.md  0 passed, 1 failed"))
        #expect(test.output.contains("accepted the output of 1 cell in Lessons/01-accept.md (line 3)\nok    Lessons/01-accept.md  1 passed, 0 failed"))
        #expect(try String(contentsOf: root.appendingPathComponent("Lessons/01-accept.md"), encoding: .utf8)
                == "# Accept\n\n```swift\nprint(\"loss:\", 0.25)\nprint(\"done\")\n```\n\n```output\nloss: ...\ndone\n```\n")
    }

    @Test func testFailsWhereBuildWouldOnInvalidDOT() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write("01-picture.md", "# Picture\n\n```swift\ndisplay(dot: \"digraph { a -> \")\n```\n")
        let test = try lessons("test", "1", "--no-twins")
        #expect(test.status != 0)
        #expect(test.output.contains("Lessons/01-picture.md:3: error: the page cannot be built: graph output:"))
        #expect(test.output.hasSuffix("1 passed, 0 failed, 1 error\n"))
    }
}
