import Foundation
import Testing
@testable import LessonKit

@Suite struct RenderPageTests {
    private func basicsPage(_ cells: [Int: CellResult] = [:]) throws -> String {
        let defaults: [Int: CellResult] = [
            0: RenderFixture.printed("tensor([1.0000, 2.0000, 3.0000])\n"),
            2: CellResult(index: 2, line: 0, status: .expectedFailure,
                          error: "Fatal error: index 7 out of range"),
            3: CellResult(index: 3, line: 0, status: .compileFail,
                          error: "error: cannot convert value of type 'String' to specified type 'Int'"),
        ]
        let result = RenderFixture.result("01-basics", RenderFixture.basics,
                                          cells: defaults.merging(cells) { $1 })
        return RenderFixture.page(try RenderFixture.site([result]), "01-basics.html")
    }

    @Test func printedTextIsEscaped() throws {
        let page = try basicsPage([0: RenderFixture.printed("<script>alert('x')</script> & <b>\n")])
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;"))
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<b>"))
    }

    @Test func titleIsEscaped() throws {
        let page = try basicsPage()
        #expect(page.contains("<h1 id=\"top\">Basics of &quot;tensors&quot; &amp; grads</h1>"))
        #expect(page.contains("<title>Basics of &quot;tensors&quot; &amp; grads · DynamicGraphs</title>"))
    }

    @Test func outputUnderCellIsTheRealOutput() throws {
        let page = try basicsPage([0: RenderFixture.printed("tensor([9.0000])\n")])
        #expect(page.contains("<pre class=\"output\" aria-label=\"Output\">tensor([9.0000])</pre>"))
        #expect(!page.contains("tensor([1.0000, 2.0000, 3.0000])"))
    }

    @Test func hiddenCellsAreLeftOut() throws {
        let page = try basicsPage()
        #expect(!page.contains("secretSetup"))
        #expect(page.components(separatedBy: "<section class=\"cell ").count - 1 == 3)
    }

    @Test func failingHiddenCellShowsItsErrorButNotItsCode() throws {
        let page = try basicsPage([1: CellResult(index: 1, line: 0, status: .failed,
                                                 error: "Fatal error: boom")])
        #expect(!page.contains("secretSetup"))
        #expect(page.contains("Hidden setup cell at line"))
        #expect(page.contains("Fatal error: boom"))
    }

    @Test func shouldFailAndCompileFailShowExpectedErrorBoxes() throws {
        let page = try basicsPage()
        #expect(page.contains("<div class=\"error-box expected\">\n        <p class=\"error-label\">Fails, as it should</p>\n        <pre>Fatal error: index 7 out of range</pre>"))
        #expect(page.contains("Does not compile, as it should"))
        #expect(page.contains("cannot convert value of type &#39;String&#39; to specified type &#39;Int&#39;"))
        #expect(!page.contains("error-box failure"))
    }

    @Test func failedCellShowsFailureBoxWithDiff() throws {
        let page = try basicsPage([0: CellResult(index: 0, line: 0, status: .failed, stdout: "tensor([0.])\n",
                                                 error: "output differs", diff: "-tensor([1.])\n+tensor([0.])")])
        #expect(page.contains("<div class=\"error-box failure\">"))
        #expect(page.contains("This cell failed"))
        #expect(page.contains("<pre class=\"diff\">-tensor([1.])\n+tensor([0.])</pre>"))
    }

    @Test func lessonProblemsAreShown() throws {
        let result = RenderFixture.result("01-basics", RenderFixture.basics,
                                          problems: [Problem(file: "Lessons/01-basics.md", line: 8, message: "timed out")])
        let page = RenderFixture.page(try RenderFixture.site([result]), "01-basics.html")
        #expect(page.contains("This lesson failed"))
        #expect(page.contains("Lessons/01-basics.md:8: error: timed out"))
    }

    @Test func pythonTwinIsATabBesideTheSwiftCell() throws {
        let page = try basicsPage()
        #expect(page.contains("<div class=\"code-block\" data-tabs>"))
        // Tabs are buttons in a tablist, so the keyboard reaches them; the hidden one is one arrow key away.
        #expect(page.contains("<div class=\"tabs\" role=\"tablist\" aria-label=\"Language\">"))
        #expect(page.contains("<button class=\"tab\" type=\"button\" data-tab=\"python\" role=\"tab\" aria-selected=\"false\" tabindex=\"-1\">PyTorch</button>"))
        #expect(page.contains("<pre class=\"code lang-python\" data-panel=\"python\"><code><span class=\"tok-identifier\">a</span> = <span class=\"tok-identifier\">torch</span>"))
        #expect(page.contains("<span class=\"tok-comment\"># a twin</span>"))
        // A cell without a twin has no tabs.
        #expect(page.components(separatedBy: "data-tabs").count - 1 == 1)
    }

    @Test func swiftCodeIsHighlighted() throws {
        let page = try basicsPage()
        #expect(page.contains("<span class=\"tok-keyword\">let</span> <span class=\"tok-identifier\">a</span> = <span class=\"tok-type\">Tensor</span>([<span class=\"tok-number\">1</span>"))
    }

    @Test func headingsGetStableUniqueAnchorsAndATableOfContents() throws {
        let page = try basicsPage()
        #expect(page.contains("<h2 id=\"making-tensors\"><a class=\"heading-link\" href=\"#making-tensors\">Making tensors</a></h2>"))
        #expect(page.contains("<h2 id=\"making-tensors-2\"><a class=\"heading-link\" href=\"#making-tensors-2\">Making tensors</a></h2>"))
        #expect(page.contains("<li class=\"toc-level-2\"><a href=\"#errors\">Errors</a></li>"))
    }

    @Test func indexListsTitleSummaryAndCellCount() throws {
        let results = [RenderFixture.result("01-basics", RenderFixture.basics),
                       RenderFixture.result("02-graphs", RenderFixture.graphs)]
        let index = RenderFixture.page(try RenderFixture.site(results), "index.html")
        #expect(index.contains("<span class=\"lesson-title\">Basics of &quot;tensors&quot; &amp; grads</span>"))
        #expect(index.contains("<span class=\"lesson-summary\">Tensors hold numbers, like <code>torch.Tensor</code>.</span>"))
        #expect(index.contains("3 cells"))
        #expect(index.contains("1 cell<"))
        #expect(index.contains("href=\"02-graphs.html\""))
    }

    @Test func previousAndNextLinkNeighbours() throws {
        let results = [RenderFixture.result("01-basics", RenderFixture.basics),
                       RenderFixture.result("02-graphs", RenderFixture.graphs)]
        let site = try RenderFixture.site(results)
        #expect(RenderFixture.page(site, "01-basics.html").contains("<a class=\"pager-next\" href=\"02-graphs.html\" rel=\"next\">"))
        #expect(RenderFixture.page(site, "02-graphs.html").contains("<a class=\"pager-prev\" href=\"01-basics.html\" rel=\"prev\">"))
    }
}
