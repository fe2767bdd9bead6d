import Foundation
import Testing
@testable import LessonKit

@Suite struct RenderWriterTests {
    private func site(_ files: [String: String]) -> Site {
        Site(files: files.mapValues { Data($0.utf8) })
    }

    private func read(_ folder: URL, _ path: String) -> String? {
        (try? Data(contentsOf: folder.appendingPathComponent(path))).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func writeReplacesTheWholeFolder() throws {
        let root = try RenderFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let destination = root.appendingPathComponent("site")
        try SiteWriter.write(site(["index.html": "old", "gone.html": "x"]), to: destination)
        try SiteWriter.write(site(["index.html": "new", "assets/site.css": "css"]), to: destination)
        #expect(read(destination, "index.html") == "new")
        #expect(read(destination, "assets/site.css") == "css")
        #expect(read(destination, "gone.html") == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    @Test func leftoversOfAnInterruptedBuildAreRemoved() throws {
        let root = try RenderFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let leftover = root.appendingPathComponent(".site.new-99999")
        try SiteWriter.writeFiles(site(["index.html": "half"]), into: leftover)
        try SiteWriter.write(site(["index.html": "new"]), to: root.appendingPathComponent("site"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    /// A reader polling the site while it is rewritten 40 times never finds it missing or mixed.
    @Test func theSwapHasNoWindowWithoutASite() throws {
        let root = try RenderFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let destination = root.appendingPathComponent("site")
        try SiteWriter.write(site(["index.html": "0", "page.html": "0"]), to: destination)
        let done = Atomic(false), misses = Atomic(0), reads = Atomic(0)
        let reader = Thread {
            while !done.value {
                let index = self.read(destination, "index.html")
                let page = self.read(destination, "page.html")
                reads.update { $0 + 1 }
                // Each pair is read one file after the other, so it may straddle one swap, never miss a file.
                if index == nil || page == nil { misses.update { $0 + 1 } }
            }
        }
        reader.start()
        for round in 1...40 {
            try SiteWriter.write(site(["index.html": "\(round)", "page.html": "\(round)"]), to: destination)
        }
        done.update { _ in true }
        while !reader.isFinished { usleep(1_000) }
        #expect(reads.value > 0)
        #expect(misses.value == 0)
        #expect(read(destination, "index.html") == "40")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    /// A write stopped between the two renames of the older swap left no `site/`, only `.site.old-PID`:
    /// the next write puts it back before anything else, and ends with the new site only.
    @Test func aSiteLeftAsideByAnInterruptedSwapIsRecovered() throws {
        let root = try RenderFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let destination = root.appendingPathComponent("site")
        try SiteWriter.writeFiles(site(["index.html": "old"]), into: root.appendingPathComponent(".site.old-4242"))
        try SiteWriter.writeFiles(site(["index.html": "half"]), into: root.appendingPathComponent(".site.new-4242"))
        try SiteWriter.recover(destination)
        #expect(read(destination, "index.html") == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
        try SiteWriter.write(site(["index.html": "new"]), to: destination)
        #expect(read(destination, "index.html") == "new")
    }

    @Test func failedWriteLeavesThePreviousSiteIntact() throws {
        let root = try RenderFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let destination = root.appendingPathComponent("site")
        try SiteWriter.write(site(["index.html": "old"]), to: destination)
        // "a" as a file and as a folder cannot both be written: the write fails part way.
        let broken = site(["a": "file", "a/b.html": "inside", "index.html": "new"])
        #expect(throws: (any Error).self) { try SiteWriter.write(broken, to: destination) }
        #expect(read(destination, "index.html") == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    @Test func compareListsChangedMissingAndExtraFiles() throws {
        let root = try RenderFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try SiteWriter.writeFiles(site(["index.html": "a", "same.html": "s", "extra.html": "e"]), into: root)
        let difference = try SiteWriter.compare(
            site(["index.html": "b", "same.html": "s", "assets/new.css": "n"]), with: root)
        #expect(difference == SiteDifference(changed: ["index.html"], missing: ["assets/new.css"], extra: ["extra.html"]))
        #expect(difference.lines == ["changed: index.html", "missing: assets/new.css", "extra: extra.html"])
        #expect(try SiteWriter.compare(site(["index.html": "a", "same.html": "s", "extra.html": "e"]), with: root).isEmpty)
    }
}

@Suite struct RenderMemoTests {
    @Test func memoReturnsRememberedValuesAndSavesOnlyUsedOnes() throws {
        let folder = try RenderFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("memo.json")
        var computed = 0
        let first = RenderMemo(file: file, salt: "v1")
        #expect(first.value("swift", "let a") { computed += 1; return "A" } == "A")
        #expect(first.value("swift", "let b") { computed += 1; return "B" } == "B")
        try first.save()

        let second = RenderMemo(file: file, salt: "v1")
        #expect(second.value("swift", "let a") { computed += 1; return "changed" } == "A")
        try second.save()
        #expect(computed == 2)

        // Entry "let b" was not used by the second build, so it is gone; another salt starts afresh.
        let third = RenderMemo(file: file, salt: "v1")
        #expect(third.value("swift", "let b") { computed += 1; return "B2" } == "B2")
        #expect(RenderMemo(file: file, salt: "v2").value("swift", "let a") { "fresh" } == "fresh")
    }

    @Test func siteWithMemoIsIdenticalToSiteWithout() throws {
        let folder = try RenderFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let results = [RenderFixture.result("02-graphs", RenderFixture.graphs,
                                            cells: [0: RenderFixture.printed("", rich: [.dot("digraph { a -> b }")])])]
        let plain = try SiteRenderer().render(results)
        let memo = RenderMemo(file: folder.appendingPathComponent("memo.json"), salt: "s")
        #expect(try SiteRenderer(memo: memo).render(results) == plain)
        try memo.save()
        let reloaded = RenderMemo(file: folder.appendingPathComponent("memo.json"), salt: "s")
        #expect(try SiteRenderer(memo: reloaded).render(results) == plain)
    }
}

/// A value shared between a test and a thread it starts.
final class Atomic<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    func update(_ change: (Value) -> Value) { lock.lock(); stored = change(stored); lock.unlock() }
}
