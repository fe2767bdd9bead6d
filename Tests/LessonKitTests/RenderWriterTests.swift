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
