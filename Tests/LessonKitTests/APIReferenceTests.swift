import Foundation
import Testing
@testable import LessonKit

/// The API reference pages made from a DocC archive's render JSON, and the links from lesson code.
@Suite struct APIReferenceTests {
    /// A three-page archive in DocC's layout: the module, `Tensor`, and `Tensor.sum(dim:)`.
    private func archive(extraBlock: String = "", sumAbstract: Bool = true) throws -> APIArchive {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("api-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data/documentation/autograd/tensor")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let references = """
            "doc://a/Autograd": {"type": "topic", "kind": "symbol", "title": "Autograd", "url": "/documentation/autograd"},
            "doc://a/Tensor": {"type": "topic", "kind": "symbol", "title": "Tensor", "url": "/documentation/autograd/tensor",
              "abstract": [{"type": "text", "text": "An array."}]},
            "doc://a/sum": {"type": "topic", "kind": "symbol", "title": "sum(dim:)", "url": "/documentation/autograd/tensor/sum(dim:)",
              "fragments": [{"kind": "keyword", "text": "func"}, {"kind": "text", "text": " "}, {"kind": "identifier", "text": "sum"}, {"kind": "text", "text": "(dim: Int)"}]},
            "doc://a/Sl": {"type": "unresolvable", "title": "Swift.Collection"}
            """
        let pages = [
            "autograd": """
                {"kind": "symbol", "metadata": {"title": "Autograd", "roleHeading": "Framework"},
                 "abstract": [{"type": "text", "text": "Tensors & tapes."}],
                 "primaryContentSections": [{"kind": "content", "content": [
                   {"type": "heading", "level": 2, "text": "Overview", "anchor": "overview"},
                   {"type": "table", "header": "row", "rows": [
                     [[{"type": "paragraph", "inlineContent": [{"type": "codeVoice", "code": "torch.Tensor"}]}],
                      [{"type": "paragraph", "inlineContent": [{"type": "reference", "identifier": "doc://a/Tensor", "isActive": true}]}]],
                     [[{"type": "paragraph", "inlineContent": [{"type": "text", "text": "x"}]}],
                      [{"type": "paragraph", "inlineContent": [{"type": "text", "text": "y"}]}]]]}\(extraBlock)]}],
                 "topicSections": [{"title": "Classes", "anchor": "Classes", "identifiers": ["doc://a/Tensor"]}],
                 "references": {\(references)}}
                """,
            "autograd/tensor": """
                {"kind": "symbol", "metadata": {"title": "Tensor", "roleHeading": "Class"},
                 "abstract": [{"type": "text", "text": "An array."}],
                 "primaryContentSections": [{"kind": "declarations", "declarations": [{"tokens": [
                   {"kind": "keyword", "text": "final class"}, {"kind": "text", "text": " "}, {"kind": "identifier", "text": "Tensor"}]}]}],
                 "topicSections": [{"title": "Instance Methods", "anchor": "Instance-Methods", "identifiers": ["doc://a/sum"]}],
                 "relationshipsSections": [{"title": "Conforms To", "identifiers": ["doc://a/Sl"]}],
                 "hierarchy": {"paths": [["doc://a/Autograd"]]},
                 "references": {\(references)}}
                """,
            "autograd/tensor/sum(dim:)": """
                {"kind": "symbol", "metadata": {"title": "sum(dim:)", "roleHeading": "Instance Method"},
                 \(sumAbstract ? "\"abstract\": [{\"type\": \"text\", \"text\": \"Sums.\"}]," : "")
                 "primaryContentSections": [{"kind": "declarations", "declarations": [{"tokens": [
                   {"kind": "keyword", "text": "func"}, {"kind": "text", "text": " sum(dim: Int) -> "},
                   {"kind": "typeIdentifier", "text": "Tensor", "identifier": "doc://a/Tensor"}]}]},
                   {"kind": "parameters", "parameters": [{"name": "dim", "content": [{"type": "paragraph", "inlineContent": [{"type": "text", "text": "The dimension."}]}]}]}],
                 "hierarchy": {"paths": [["doc://a/Autograd", "doc://a/Tensor"]]},
                 "references": {\(references)}}
                """,
        ]
        for (path, json) in pages {
            try Data(json.utf8).write(to: root.appendingPathComponent("data/documentation/\(path).json"))
        }
        return try APIArchive.load(root)
    }

    private func html(_ api: APIArchive, _ url: String) throws -> String {
        let site = try SiteRenderer(graphviz: Graphviz(), api: api).render([])
        return String(decoding: try #require(site.files[APIArchive.sitePath(url)]), as: UTF8.self)
    }

    @Test func everyPageBecomesAStaticPageWithRelativeLinks() throws {
        let api = try archive()
        let site = try SiteRenderer(graphviz: Graphviz(), api: api).render([])
        #expect(site.files.keys.filter { $0.hasPrefix("api/") }.sorted()
                == ["api/autograd.html", "api/autograd/tensor.html", "api/autograd/tensor/sum(dim:).html"])
        let module = try html(api, "/documentation/autograd")
        #expect(module.contains("<th><code>torch.Tensor</code></th>"))
        #expect(module.contains("<a href=\"autograd/tensor.html\"><code>Tensor</code></a>"))
        #expect(module.contains("<h3 id=\"Classes\"><a class=\"heading-link\" href=\"#Classes\">Classes</a></h3>"))
        #expect(module.contains("<link rel=\"stylesheet\" href=\"../assets/site.css\">"))
        let tensor = try html(api, "/documentation/autograd/tensor")
        // Topics show the declaration (overloads share a title); a path's ( and : are percent-encoded.
        #expect(tensor.contains("<a href=\"../autograd/tensor/sum%28dim%3A%29.html\"><code><span class=\"tok-keyword\">func</span> <span class=\"tok-identifier\">sum</span>(dim: Int)</code></a>"))
        #expect(tensor.contains("<li><code>Swift.Collection</code></li>"))
        let sum = try html(api, "/documentation/autograd/tensor/sum(dim:)")
        #expect(sum.contains("<li><a href=\"../../autograd.html\">Autograd</a></li>\n      <li><a href=\"../../autograd/tensor.html\">Tensor</a></li>"))
        #expect(sum.contains("<a href=\"../../autograd/tensor.html\"><span class=\"tok-type\">Tensor</span></a>"))
        #expect(sum.contains("<dt><code>dim</code></dt>"))
        #expect(sum.contains("<link rel=\"stylesheet\" href=\"../../../assets/site.css\">"))
    }

    @Test func undocumentedSymbolsAndUnknownContentAreRefused() throws {
        #expect(try archive().undocumentedSymbols == [])
        #expect(try archive(sumAbstract: false).undocumentedSymbols == ["autograd/tensor/sum(dim:)"])
        let video = try archive(extraBlock: ", {\"type\": \"video\", \"identifier\": \"v\"}")
        #expect(throws: APIReferenceError.self) { try SiteRenderer(graphviz: Graphviz(), api: video).render([]) }
        #expect(throws: APIReferenceError.self) { try APIArchive.load(URL(fileURLWithPath: "/nonexistent/archive")) }
    }

    @Test func lessonCodeLinksNamesTheArchiveResolves() throws {
        let links = APILinks(try archive())
        let html = SwiftHighlighter.html("let t = Tensor([1])\nlet sum = t.sum(dim: 0)\nprint(sum)", links: links)
        #expect(html.contains("<a class=\"api-link\" href=\"api/autograd/tensor.html\"><span class=\"tok-type\">Tensor</span></a>"))
        #expect(html.contains(".<a class=\"api-link\" href=\"api/autograd/tensor/sum%28dim%3A%29.html\"><span class=\"tok-identifier\">sum</span></a>("))
        // The program's own `let sum` and its later uses are not the library's member.
        #expect(html.contains("<span class=\"tok-keyword\">let</span> <span class=\"tok-identifier\">sum</span> ="))
        #expect(html.contains("(<span class=\"tok-identifier\">sum</span>)"))
        #expect(SwiftHighlighter.html("let t = Tensor([1])") == SwiftHighlighter.html("let t = Tensor([1])", links: nil))
    }

    @Test func theBrowserCheckLoadsTheLandingAndTensorPages() throws {
        let expectations = PageExpectation.apiPages(try archive())
        #expect(expectations.map(\.path) == ["api/autograd.html", "api/autograd/tensor.html"])
        #expect(expectations.allSatisfy { !$0.isLessonSitePage })
        #expect(expectations[1].headingIDs == ["Instance-Methods"])
        #expect(expectations[1].texts.map(\.text) == ["Tensor", "Instance Methods"])
    }

    @Test func brokenRelativeLinksAreFound() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("links-\(UUID().uuidString)/api/autograd")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent()) }
        try Data().write(to: folder.appendingPathComponent("sum(dim:).html"))
        let page = folder.deletingLastPathComponent().appendingPathComponent("autograd.html")
        let dom = "<a href=\"autograd/sum%28dim%3A%29.html#x\">ok</a><a href=\"#top\">top</a><a href=\"https://pytorch.org\">out</a>"
            + "<a href=\"autograd/gone.html\">gone</a><script src=\"../assets/site.js\"></script>"
        #expect(BrowserCheck.brokenLinks(in: dom, of: page) == ["broken link ../assets/site.js", "broken link autograd/gone.html"])
    }
}
