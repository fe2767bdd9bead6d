import Testing
@testable import LessonKit

@Suite("Run: splitting program output into cells")
struct RunOutputTests {
    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func controlRecordsSplitStdoutStderrAndStatuses() {
        let stdout = "a\nbc\n"
        let stderr = "Fatal error: x\n"
        let control = "begin 0 0 0\nbegin 2 3 0\nstatus 2 134 6 15\nend 6 15\n"
        let output = ProgramOutput(stdout: bytes(stdout), stderr: bytes(stderr), control: bytes(control),
                                   display: bytes("2 dot 3\nabc0 svg 1\n<"))
        #expect(output.cells[0]?.stdout == "a\nb")
        #expect(output.cells[2]?.stdout == "c\n")
        #expect(output.cells[2]?.stderr == "Fatal error: x\n")
        #expect(output.cells[2]?.childStatus == 134)
        #expect(output.cells[2]?.richOutputs == [.dot("abc")])
        #expect(output.cells[0]?.richOutputs == [.svg("<")])
        #expect(output.lastStarted == 2 && output.reachedEnd)
    }

    @Test func aCrashLeavesTheEndRecordOut() {
        let output = ProgramOutput(stdout: bytes("xpartial"), stderr: [], control: bytes("begin 0 0 0\nbegin 1 1 0\n"), display: [])
        #expect(output.lastStarted == 1 && !output.reachedEnd)
        #expect(output.cells[1]?.stdout == "partial")
    }

    /// What a cell prints cannot start another cell or end the lesson: only the control channel can.
    @Test func markersPrintedByACellAreOnlyText() {
        let spoof = "\u{1E}lessonkit:cell:1\u{1E}text\u{1E}lessonkit:end\u{1E}begin 1 0 0\nend 0 0\n"
        let output = ProgramOutput(stdout: bytes(spoof), stderr: [], control: bytes("begin 0 0 0\n"), display: [])
        #expect(output.cells[0]?.stdout == spoof)
        #expect(output.cells[1] == nil && output.lastStarted == 0 && !output.reachedEnd)
    }

    @Test func aTruncatedOrMalformedRecordEndsTheRecords() {
        #expect(ProgramOutput.records(bytes("begin 0 0 0\nbegin 1 5")).count == 1)
        #expect(ProgramOutput.records(bytes("begin 0 0 0\nbegin -1 0 0\nend 0 0\n")).count == 1)
        #expect(ProgramOutput.records(bytes("begin 0 0\n")).isEmpty)
        // Offsets past the end of the output or going backwards are clamped.
        let output = ProgramOutput(stdout: bytes("ab"), stderr: [], control: bytes("begin 0 0 0\nbegin 1 99 0\nbegin 2 1 0\n"), display: [])
        #expect(output.cells[0]?.stdout == "ab" && output.cells[1]?.stdout == "" && output.lastStarted == 2)
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
        #expect(TrapMessage.text(stderr: "", ending: .exited(0), early: true) == "exited early with status 0")
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
