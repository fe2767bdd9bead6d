import Foundation
import Testing
@testable import LessonKit

/// Every picture kind goes through `SVGSanitizer`; each injection is refused with the cell's line.
@Suite("Render: picture sanitizer")
struct RenderSanitizerTests {
    static let lesson = "# Graphs\n\n```swift\nprint(1)\n```\n"

    /// Renders one cell that displayed `output`; the render error, or nil when the page rendered.
    func renderError(_ output: RichOutput) throws -> RenderError? {
        let result = RenderFixture.result("02-graphs", Self.lesson, cells: [0: RenderFixture.printed("", rich: [output])])
        do {
            _ = try RenderFixture.site([result])
            return nil
        } catch let error as RenderError {
            return error
        }
    }

    @Test func aJavascriptURLInADotGraphIsRefused() throws {
        let dot = #"digraph { a [URL="javascript:alert(6)"]; a -> b }"#
        let error = try #require(try renderError(.dot(dot)))
        #expect(error.line == 3)
        #expect(error.message.hasPrefix("graph output has active content"))
        #expect(error.message.contains("javascript"))
    }

    @Test func aDotGraphWithAnHTTPLinkIsEmbedded() throws {
        #expect(try renderError(.dot(#"digraph { a [URL="https://example.org/"]; a -> b }"#)) == nil)
    }

    @Test(arguments: [
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "<script>"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "onload"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect ONCLICK=\"x()\"/></svg>", "ONCLICK"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\" jav&#x09;ascript:alert(1)\"><text>x</text></a></svg>", "javascript"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"data:text/html,&lt;script&gt;\"><text>x</text></a></svg>", "data"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><iframe src=\"x\"/></foreignObject></svg>", "<foreignObject>"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect style=\"fill:url(https://evil/x)\"/></svg>", "style"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><use href=\"https://evil/x.svg#a\"/></svg>", "<use"),
    ])
    func anSVGOutputWithActiveContentIsRefused(svg: String, named: String) throws {
        let error = try #require(try renderError(.svg(svg)))
        #expect(error.line == 3)
        #expect(error.message.hasPrefix("SVG output has active content"))
        #expect(error.message.lowercased().contains(named.lowercased()))
    }

    @Test func sanitizingKeepsDrawingsAndDropsUnknownAttributes() throws {
        let svg = """
            <?xml version="1.0"?><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg" width="10">\
            <!-- note --><g id="a" data-x="1"><text x="1">a &amp; b &lt;c&gt;</text><circle r="2"></circle></g></svg>
            """
        let result = try SVGSanitizer.sanitize(svg)
        #expect(result.removed.isEmpty)
        #expect(result.svg == #"<svg width="10" xmlns="http://www.w3.org/2000/svg"><g id="a"><text x="1">a &amp; b &lt;c&gt;</text><circle r="2"/></g></svg>"#)
    }

    @Test func malformedXMLIsAnError() {
        #expect(throws: RunnerError.self) { try SVGSanitizer.sanitize("<svg><g></svg>") }
        #expect(throws: RunnerError.self) { try SVGSanitizer.sanitize("plain text") }
    }
}
