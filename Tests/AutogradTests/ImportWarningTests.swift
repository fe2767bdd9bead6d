import Foundation
import Testing

/// `@_implementationOnly` without library evolution is deprecated and swiftc warned about it once
/// per file of the module (84 warnings in `make`); Autograd imports CBLAS with `internal import`.
@Suite("Autograd imports")
struct ImportWarningTests {
    @Test func noSourceUsesImplementationOnlyImports() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var checked = 0
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(!text.contains("@_implementationOnly import"), "\(url.path)")
            checked += 1
        }
        #expect(checked > 100)
    }
}
