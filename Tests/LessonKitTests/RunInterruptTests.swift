import Foundation
import Testing
@testable import LessonKit

/// The `lessons` command itself (built beside the tests): interrupted, listing, summing up.
@Suite("Run: the lessons command, interrupted and summing up", .serialized)
struct RunInterruptTests {
    /// `.build/debug/lessons`, which `swift build --build-tests` builds with the tests.
    static let lessons = FixtureRun.packageRoot.appendingPathComponent(".build/debug/lessons")

    /// Runs `lessons arguments` in the fixture's root; its output and exit status.
    func run(_ arguments: [String], in fixture: FixtureRun) throws -> (output: String, status: Int32) {
        let process = Process()
        process.executableURL = Self.lessons
        process.arguments = arguments
        process.currentDirectoryURL = fixture.root
        let output = fixture.root.appendingPathComponent("command-output.txt")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        try process.run()
        process.waitUntilExit()
        return (try String(contentsOf: output, encoding: .utf8), process.terminationStatus)
    }

    @Test func sigintEndsTheLessonProgramItsChildrenAndItsFolders() throws {
        let fixture = try FixtureRun("interrupt")
        let process = Process()
        process.executableURL = Self.lessons
        process.arguments = ["test", "--no-twins"]
        process.currentDirectoryURL = fixture.root
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait until the lesson program and its background `sleep` run.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !ProcessTable.commandLines().contains(where: { $0.contains("sleep 4419") }) {
            usleep(50_000)
        }
        #expect(ProcessTable.commandLines().contains { $0.contains(fixture.root.path) && $0.hasSuffix("/lesson ") })
        process.interrupt()
        process.waitUntilExit()
        // Killed by SIGINT itself, or (when the signal stays blocked) exited with the shell's 128 + SIGINT.
        #expect((process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT)
                || (process.terminationReason == .exit && process.terminationStatus == 128 + SIGINT))
        #expect(ProcessTable.commandLines().filter { $0.contains(fixture.root.path) || $0.contains("sleep 4419") } == [])
        let builds = fixture.root.appendingPathComponent(".lessons-cache/build")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: builds.path)) ?? []).filter { $0.contains(".") } == [])
    }

    @Test func listNamesAnUnclosedFence() throws {
        let fixture = try FixtureRun("hostile")
        let (output, _) = try run(["list", "--no-twins"], in: fixture)
        #expect(output.contains("  Lessons/05-unclosed-fence.md:5: error: this ```swift fence is never closed"))
        #expect(output.contains("  Lessons/01-nul.md:4:13: error: a NUL byte cannot be part of a lesson"))
    }

    @Test func aFailingRunNeverEndsOnZeroFailed() throws {
        let fixture = try FixtureRun("hostile")
        let (output, status) = try run(["test", "--no-twins", "07-exit-after-end"], in: fixture)
        #expect(status == 1)
        #expect(output.split(separator: "\n").last?.hasSuffix(": 1 passed, 0 failed, 1 error") == true)
    }
}
