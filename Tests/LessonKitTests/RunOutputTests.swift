import Testing
@testable import LessonKit

@Suite("Run: splitting program output into cells")
struct RunOutputTests {
    func marker(_ text: String) -> String { "\u{1E}lessonkit:\(text)\u{1E}" }

    @Test func markersSplitStdoutStderrAndStatuses() {
        let stdout = marker("cell:0") + "a\nb" + marker("cell:2") + "c\n" + marker("end")
        let stderr = marker("cell:0") + marker("cell:2") + "Fatal error: x\n" + marker("status:2:134") + marker("end")
        let output = ProgramOutput(stdout: stdout, stderr: stderr, display: Array("2 dot 3\nabc0 svg 1\n<".utf8))
        #expect(output.cells[0]?.stdout == "a\nb")
        #expect(output.cells[2]?.stdout == "c\n")
        #expect(output.cells[2]?.stderr == "Fatal error: x\n")
        #expect(output.cells[2]?.childStatus == 134)
        #expect(output.cells[2]?.richOutputs == [.dot("abc")])
        #expect(output.cells[0]?.richOutputs == [.svg("<")])
        #expect(output.lastStarted == 2 && output.reachedEnd)
    }

    @Test func aCrashLeavesTheEndMarkerOut() {
        let output = ProgramOutput(stdout: marker("cell:0") + "x" + marker("cell:1") + "partial", stderr: "", display: [])
        #expect(output.lastStarted == 1 && !output.reachedEnd)
        #expect(output.cells[1]?.stdout == "partial")
    }

    @Test func trapMessagesLoseLocationAndStackTrace() {
        let stderr = """
            Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range
            Current stack trace:
            0    libswiftCore.so                    0x00007f835a95f130 swift_reportError + 33
            1    prog                               0x000055b145aba454 <unavailable> + 5204

            """
        #expect(TrapMessage.text(stderr: stderr, ending: .signaled(4)) == "Fatal error: Index out of range")
        #expect(TrapMessage.text(stderr: "Lesson01/01-x.md:20: Fatal error: boom\n", ending: .signaled(4)) == "Fatal error: boom")
        #expect(TrapMessage.text(stderr: "", ending: .signaled(11)) == "killed by signal 11 (SIGSEGV)")
        #expect(TrapMessage.text(stderr: "", ending: .exited(3)) == "exited with status 3")
        #expect(TrapMessage.text(stderr: "shape mismatch: [2] vs [3]\n", ending: .exited(1)) == "shape mismatch: [2] vs [3]")
    }

    @Test func diagnosticsParse() {
        let output = """
            Lessons/02-x.md:12:17: error: cannot convert value of type 'Int' to specified type 'String'
            10 | let c: String = b
               |                 `- error: cannot convert
            main.swift:3:1: warning: unused
            Lessons/02-x.md:12:1: note: see here
            """
        let diagnostics = Diagnostic.parse(output)
        #expect(diagnostics.count == 2)
        #expect(diagnostics[0].problem.message == "cannot convert value of type 'Int' to specified type 'String'")
        #expect(diagnostics[1].severity == "warning" && diagnostics[1].file == "main.swift")
        #expect(diagnostics[1].notes.map(\.line) == [12])
    }
}
