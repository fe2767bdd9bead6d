import Foundation
import Testing
@testable import LessonKit

/// Bad lessons, careless or hostile: none may pass, leak a process or a folder, or blame the wrong line.
@Suite("Run: hostile lessons")
struct RunHostileTests {
    /// The output limit the fixtures run with (09-flood prints 1 MiB).
    static let outputLimit = 64 << 10

    /// What one run of every hostile fixture left: results, cache files, build folders.
    struct Observed {
        var results: [LessonResult]
        /// Sizes of `.lessons-cache/results/<name>.json`, for the lessons that have one.
        var cachedSizes: [String: Int]
        var buildFolders: [String]
        /// Processes whose command line names the fixture's folder, right after the run.
        var programsLeft: [String]
    }

    static let observed: Result<Observed, Error> = Result {
        let fixture = try FixtureRun("hostile")
        var configuration = fixture.configuration()
        configuration.outputLimit = outputLimit
        let results = try LessonRunner(configuration).runAll(try fixture.plan())
        let cache = fixture.root.appendingPathComponent(".lessons-cache")
        var sizes: [String: Int] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("results").path) {
            let attributes = try FileManager.default.attributesOfItem(atPath: cache.appendingPathComponent("results/\(file)").path)
            sizes[String(file.dropLast(".json".count))] = attributes[.size] as? Int
        }
        return Observed(results: results, cachedSizes: sizes,
                        buildFolders: try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("build").path),
                        programsLeft: ProcessTable.commandLines().filter { $0.contains(fixture.root.path) })
    }

    func lesson(_ name: String) throws -> LessonResult {
        try #require(try Self.observed.get().results.named(name))
    }

    @Test func aNULByteIsAnErrorAtItsLineAndColumn() throws {
        let result = try lesson("01-nul")
        #expect(!result.succeeded)
        #expect(result.problems.first?.description
                == "Lessons/01-nul.md:4:13: error: a NUL byte cannot be part of a lesson")
        // The text after the NUL is still parsed (cmark gets the byte count): the cell is there, and not run.
        #expect(result.cells.map(\.status) == [.notReached])
    }

    @Test func controlCharactersAndLoneCarriageReturnsAreFound() {
        #expect(ForbiddenCharacters.first(in: "ok\r\nline\ttab\n") == nil)
        #expect(ForbiddenCharacters.first(in: "a\nbc\rd").map { [$0.line, $0.column] } == [2, 3])
        #expect(ForbiddenCharacters.first(in: "a\u{1B}[31m").map { [$0.line, $0.column] } == [1, 2])
        #expect(ForbiddenCharacters.first(in: "end\r").map { [$0.line, $0.column] } == [1, 4])
        #expect(ForbiddenCharacters.problem(in: "x\u{85}", file: "L.md")?.description
                == "L.md:1:2: error: the control character U+0085 cannot be part of a lesson")
    }

    @Test func markersPrintedByACellMoveNoBoundary() throws {
        let result = try lesson("02-spoofed-cell")
        #expect(result.cells.map(\.status) == [.failed, .failed])
        #expect(result.cells[0].stdout.hasPrefix("\u{1E}lessonkit:cell:1\u{1E}text"))
        #expect(result.cells[1].stdout == "")
    }

    @Test func aCrashAfterAFakeEndMarkerFails() throws {
        let result = try lesson("03-spoofed-end")
        #expect(result.cells.map(\.status) == [.failed])
        #expect(result.cells[0].error == "Fatal error: after the fake end")
        #expect(result.problems.map(\.line) == [6])
    }

    @Test func aCellThatClosesTheRunnersBraceIsRefusedBeforeCompiling() throws {
        let result = try lesson("04-escape")
        #expect(result.problems.map(\.description)
                == ["Lessons/04-escape.md:8:1: error: a cell must be a complete sequence of Swift statements and declarations: unexpected '}'"])
        #expect(result.cells.map(\.status) == [.notReached, .notReached])
    }

    @Test func anUnclosedFenceIsNamed() throws {
        let result = try lesson("05-unclosed-fence")
        #expect(result.problems.map(\.description) == [
            "Lessons/05-unclosed-fence.md:5: error: this ```swift fence is never closed: everything after it, "
                + "to the end of the file, would be its content (add a closing ``` line)"])
    }

    @Test func exitZeroInACellIsAnEarlyExit() throws {
        let result = try lesson("06-exit-zero")
        #expect(result.cells.map(\.status) == [.failed, .notReached])
        #expect(result.cells[0].error == "exited early with status 0")
        #expect(result.problems.map(\.description)
                == ["Lessons/06-exit-zero.md:3: error: the lesson crashed in the cell at line 3: exited early with status 0"])
    }

    @Test func theExitStatusCountsAfterTheLastCell() throws {
        let result = try lesson("07-exit-after-end")
        #expect(result.cells.map(\.status) == [.passed])
        #expect(!result.succeeded)
        #expect(result.problems.map(\.description)
                == ["Lessons/07-exit-after-end.md:3: error: the lesson program ran every cell, then exited with status 3"])
    }

    @Test func backgroundProcessesOfACellDoNotOutliveTheRun() throws {
        let result = try lesson("08-background")
        #expect(result.cells.map(\.status) == [.passed])
        #expect(ProcessTable.commandLines().filter { $0.contains("sleep 4417") } == [])
    }

    @Test func outputOverTheLimitFailsTheCellAndStaysBounded() throws {
        let result = try lesson("09-flood")
        #expect(result.cells.map(\.status) == [.passed, .failed])
        #expect(result.cells[1].error == "the cell printed more than \(Self.outputLimit) bytes to stdout (the output limit; raise it with --output-limit BYTES)")
        #expect(result.problems.map(\.line) == [11])
        #expect(result.cells[1].stdout.utf8.count <= Self.outputLimit + 1)
        let size = try #require(try Self.observed.get().cachedSizes["09-flood"])
        // The output is stored once (not again as `actual`), and bounded by the limit.
        #expect(size < Self.outputLimit + 8_192)
    }

    @Test func aProgramKilledFromOutsideIsNotCached() throws {
        let result = try lesson("10-killed")
        #expect(!result.succeeded)
        #expect(result.cells[0].error == "killed by signal 9 (SIGKILL)")
        let cached = try Self.observed.get().cachedSizes
        #expect(cached["10-killed"] == nil)
        // The verdicts the other lessons earned are cached.
        #expect(cached["06-exit-zero"] != nil)
    }

    @Test func aTrapNamesTheLineThatTrapped() throws {
        let result = try lesson("11-trap-line")
        #expect(result.cells[0].error == "Fatal error: Index out of range")
        #expect(result.problems.map(\.description)
                == ["Lessons/11-trap-line.md:6: error: the lesson crashed at line 6, in the cell at line 3: Fatal error: Index out of range"])
    }

    @Test func noRunLeavesATemporaryFolderOrAProgram() throws {
        let observed = try Self.observed.get()
        #expect(observed.buildFolders.filter { $0.contains(".") } == [])
        #expect(observed.programsLeft == [])
    }

    @Test func aKilledCompilerIsReportedAndNotCached() throws {
        let fixture = try FixtureRun("hostile")
        let swiftc = fixture.root.appendingPathComponent("killed-swiftc")
        try "#!/bin/sh\n[ \"$1\" = --version ] && exec swiftc --version\nkill -9 $$\n".write(to: swiftc, atomically: true, encoding: .utf8)
        chmod(swiftc.path, 0o755)
        var configuration = fixture.configuration()
        configuration.swiftc = swiftc.path
        let planned = try fixture.plan().filter { $0.lesson.name == "06-exit-zero" }
        let result = try #require(try LessonRunner(configuration).runAll(planned).first)
        #expect(result.problems.first?.message.hasPrefix("the compiler was killed (not the lesson's fault; run again)") == true)
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent(".lessons-cache/results/06-exit-zero.json").path))
    }
}

/// The processes running now (zombies left out), from /proc.
enum ProcessTable {
    /// Their command lines, arguments joined by spaces.
    static func commandLines() -> [String] {
        livePIDs().compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return nil }
            return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        }
    }

    /// Their names (`/proc/PID/comm`, which a process may set with `prctl(PR_SET_NAME)`).
    static func names() -> [String] {
        livePIDs().compactMap { pid in
            (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines)
        }
    }

    private static func livePIDs() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { pid in
            guard Int(pid) != nil, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
            return !stat.contains(") Z ")
        }
    }
}
