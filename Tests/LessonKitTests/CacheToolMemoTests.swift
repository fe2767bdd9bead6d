import Foundation
import Testing
@testable import LessonKit

@Suite("Tool memo: a tool's answer is reused only while the files it depends on are unchanged")
struct CacheToolMemoTests {
    /// A scratch folder holding the memo and a file the answer depends on.
    private struct Scratch {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tool-memo-\(UUID().uuidString)")
        var memo: ToolMemo { ToolMemo(directory: root.appendingPathComponent("tools")) }
        var tool: URL { root.appendingPathComponent("tool") }
    }

    /// Asks `memo` with an `ask` that counts its calls and answers `answer`.
    private func ask(_ memo: ToolMemo, _ question: String, depending files: [String], answer: String,
                     calls: inout Int) -> [String] {
        memo.answer(to: question) {
            calls += 1
            return ([answer], files)
        }
    }

    @Test func anAnswerIsReusedUntilItsFileChanges() throws {
        let scratch = Scratch()
        defer { try? FileManager.default.removeItem(at: scratch.root) }
        try FileManager.default.createDirectory(at: scratch.root, withIntermediateDirectories: true)
        try "version 1".write(to: scratch.tool, atomically: true, encoding: .utf8)
        // A file changed in the second of asking is not trusted to show a later change: age it first.
        sleep(1)
        var calls = 0
        #expect(ask(scratch.memo, "q", depending: [scratch.tool.path], answer: "1", calls: &calls) == ["1"])
        #expect(ask(scratch.memo, "q", depending: [scratch.tool.path], answer: "2", calls: &calls) == ["1"])
        #expect(calls == 1)
        // Another question is asked on its own.
        #expect(ask(scratch.memo, "other", depending: [scratch.tool.path], answer: "3", calls: &calls) == ["3"])
        #expect(calls == 2)

        // Rewritten with the same size and an old modification time: the status-change time still moves.
        try "version 2".write(to: scratch.tool, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: scratch.tool.path)
        #expect(ask(scratch.memo, "q", depending: [scratch.tool.path], answer: "4", calls: &calls) == ["4"])
        #expect(calls == 3)
    }

    @Test func aFileThatAppearsAsksAgain() throws {
        let scratch = Scratch()
        defer { try? FileManager.default.removeItem(at: scratch.root) }
        try FileManager.default.createDirectory(at: scratch.root, withIntermediateDirectories: true)
        var calls = 0
        #expect(ask(scratch.memo, "q", depending: [scratch.tool.path], answer: "without", calls: &calls) == ["without"])
        #expect(ask(scratch.memo, "q", depending: [scratch.tool.path], answer: "again", calls: &calls) == ["without"])
        try "now here".write(to: scratch.tool, atomically: true, encoding: .utf8)
        #expect(ask(scratch.memo, "q", depending: [scratch.tool.path], answer: "with", calls: &calls) == ["with"])
        #expect(calls == 2)
    }

    @Test func stampsFollowSymbolicLinks() throws {
        let scratch = Scratch()
        defer { try? FileManager.default.removeItem(at: scratch.root) }
        try FileManager.default.createDirectory(at: scratch.root, withIntermediateDirectories: true)
        let first = scratch.root.appendingPathComponent("first"), second = scratch.root.appendingPathComponent("second")
        try "a".write(to: first, atomically: true, encoding: .utf8)
        try "a".write(to: second, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: scratch.tool, withDestinationURL: first)
        let before = ToolMemo.stamp(of: scratch.tool.path)
        #expect(before == ToolMemo.stamp(of: scratch.tool.path))
        try FileManager.default.removeItem(at: scratch.tool)
        try FileManager.default.createSymbolicLink(at: scratch.tool, withDestinationURL: second)
        #expect(ToolMemo.stamp(of: scratch.tool.path) != before)
        #expect(ToolMemo.stamp(of: scratch.root.appendingPathComponent("none").path) == "missing")
    }

    @Test func theCompilersVersionIsKeptAndEqualsAskingIt() throws {
        let scratch = Scratch()
        defer { try? FileManager.default.removeItem(at: scratch.root) }
        let environment = ProcessInfo.processInfo.environment
        let asked = try Compiler.version(of: "swiftc", environment: environment, memo: scratch.memo)
        #expect(asked.contains("Swift version"))
        #expect(try Compiler.version(of: "swiftc", environment: environment, memo: scratch.memo) == asked)
        let kept = try FileManager.default.contentsOfDirectory(atPath: scratch.memo.directory.path)
        #expect(kept.count == 1)
    }
}
