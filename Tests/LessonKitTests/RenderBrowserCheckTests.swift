import Foundation
import Testing
@testable import LessonKit

/// The browser check's reading of a dumped DOM (Chromium itself runs in `lessons build --browser-check`).
@Suite struct RenderBrowserCheckTests {
    private let result = RenderFixture.result(
        "01-basics", RenderFixture.basics,
        cells: [0: RenderFixture.printed("tensor([1.0000]) <ok> & \"done\"\n"),
                2: CellResult(index: 2, line: 0, status: .expectedFailure, error: "Fatal error: index 7 out of range")])

    /// The page as Chromium would dump it after site.js ran.
    private func dumpedPage() throws -> (PageExpectation, String) {
        let site = try RenderFixture.site([result])
        let page = try LessonPageBuilder(graphviz: Graphviz()).page([result], at: 0, siteName: SiteRenderer.siteName).page
        let html = RenderFixture.page(site, "01-basics.html").replacingAll(
            "<html lang=\"en\">", with: "<html lang=\"en\" class=\"js\" data-search-entries=\"5\" data-styled=\"1\" data-ready=\"1\">")
        return (PageExpectation.lesson(result.lesson, page), html)
    }

    @Test func aCompletePageHasNoProblems() throws {
        let (expectation, dom) = try dumpedPage()
        #expect(expectation.texts.contains { $0.text == "tensor([1.0000]) <ok> & \"done\"" })
        #expect(expectation.texts.contains { $0.text == "let a = Tensor([1, 2, 3])\nprint(a)\n" })
        #expect(expectation.problems(dom: dom, consoleLog: []) == [])
    }

    @Test func missingContentIsReported() throws {
        let (expectation, dom) = try dumpedPage()
        let broken = dom.replacingAll("<h2 id=\"errors\">Errors</h2>", with: "")
            .replacingAll("Making tensors", with: "")
            .replacingAll("tensor([1.0000]) &lt;ok&gt;", with: "tensor([2.0000]) &lt;ok&gt;")
        let problems = expectation.problems(dom: broken, consoleLog: [])
        // The heading's text still shows in the table of contents; its anchor is gone.
        #expect(problems.contains("missing element #errors"))
        #expect(problems.contains("missing heading: \"Making tensors\""))
        #expect(problems.contains { $0.hasPrefix("missing output of the cell at line 7") })
    }

    @Test func scriptFailuresAreReported() throws {
        let (expectation, dom) = try dumpedPage()
        let failed = dom.replacingAll("data-ready=\"1\"", with: "data-script-error=\"x is not defined\"")
        let problems = expectation.problems(dom: failed, consoleLog: ["[1:1:INFO:CONSOLE:3] \"Uncaught\""])
        #expect(problems == ["the page script did not finish (no data-ready)", "script error: x is not defined",
                             "console: [1:1:INFO:CONSOLE:3] \"Uncaught\""])
    }

    @Test func domTextSkipsScriptsAndDecodesEntities() {
        let dom = "<html><head><title>T</title></head><body><p>a &lt;b&gt; &amp;amp;&#39;&#x41;</p><script>if (a < b) x()</script><pre>c</pre></body></html>"
        #expect(DOMText.text(of: dom) == "a <b> &amp;'Ac")
    }
}
