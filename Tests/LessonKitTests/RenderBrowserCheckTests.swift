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
        let broken = dom.replacingAll("<h2 id=\"errors\"><a class=\"heading-link\" href=\"#errors\">Errors</a></h2>", with: "")
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

    @Test func inaccessiblePagesAreReported() throws {
        let (expectation, dom) = try dumpedPage()
        #expect(expectation.accessibilityProblems(dom: dom) == [])
        #expect(expectation.currentChapter == "01-basics.html")
        let broken = dom
            .replacingAll("<a class=\"heading-link\" href=\"#errors\">Errors</a>", with: "Errors")
            .replacingAll(" aria-current=\"page\"", with: "")
            .replacingAll("<a class=\"skip-link\" href=\"#main\">Skip to content</a>", with: "")
            .replacingAll("<main class=\"content\"", with: "<main tabindex=\"2\" class=\"content\"")
            + "<span class=\"tab\" role=\"tab\">Swift</span>"
        let problems = expectation.accessibilityProblems(dom: broken)
        #expect(problems.contains("heading #errors has no link to itself"))
        #expect(problems.contains("the chapter list marks [] as this page, expected [\"01-basics.html\"]"))
        #expect(problems.contains("the first link of the page is not a skip link to the content"))
        #expect(problems.contains("positive tabindex values [2] change the keyboard order"))
        #expect(problems.contains { $0.hasPrefix("a control that is not a button: <span class=\"tab\" role=\"tab\"") })
        let noChapters = dom.replacingAll("<nav id=\"chapters\"", with: "<nav id=\"elsewhere\"")
        #expect(expectation.accessibilityProblems(dom: noChapters).contains("no chapter list (nav#chapters)"))
    }

    @Test func picturesNeedRoleAndTheirDescription() {
        var expectation = PageExpectation(path: "p.html")
        expectation.figures = 2
        expectation.figureDescriptions = ["Graph of 2 nodes and 1 edge", "Picture"]
        let dom = "<figure class=\"graph\" role=\"img\" aria-label=\"Graph of 2 nodes and 1 edge\"><svg></svg></figure>"
            + "<figure class=\"graph\"><svg></svg></figure>"
        let problems = expectation.accessibilityProblems(dom: dom)
        #expect(problems.contains("picture 2 has no role=\"img\""))
        #expect(!problems.contains { $0.hasPrefix("picture 1") })
        let wrong = dom.replacingAll("2 nodes", with: "3 nodes")
        #expect(expectation.accessibilityProblems(dom: wrong).contains { $0.hasPrefix("picture 1 is described as") })
    }

    @Test func domTextSkipsScriptsAndDecodesEntities() {
        let dom = "<html><head><title>T</title></head><body><p>a &lt;b&gt; &amp;amp;&#39;&#x41;</p><script>if (a < b) x()</script><pre>c</pre></body></html>"
        #expect(DOMText.text(of: dom) == "a <b> &amp;'Ac")
    }
}
