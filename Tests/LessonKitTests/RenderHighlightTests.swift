import Testing
@testable import LessonKit

@Suite struct RenderHighlightTests {
    @Test func swiftTokensGetClassesAndTextIsEscaped() {
        let html = SwiftHighlighter.html("// a < b\n@discardableResult func f(x: Int) -> String { \"<b>\" + \"\\(x)\" }\n")
        #expect(html.hasPrefix("<span class=\"tok-comment\">// a &lt; b</span>\n"))
        #expect(html.contains("<span class=\"tok-attribute\">@discardableResult</span>"))
        #expect(html.contains("<span class=\"tok-keyword\">func</span> <span class=\"tok-identifier\">f</span>"))
        #expect(html.contains("<span class=\"tok-type\">Int</span>"))
        #expect(html.contains("<span class=\"tok-string\">&quot;&lt;b&gt;&quot;</span>"))
        #expect(!html.hasSuffix("\n"))
    }

    @Test func capitalisedNamesAreTypesUnlessShortCapitals() {
        let html = SwiftHighlighter.html("let L = Tensor.ones(2)\nlet opt = SGD(p)\nW1.backward()\n")
        #expect(html.contains("<span class=\"tok-identifier\">L</span>"))
        #expect(html.contains("<span class=\"tok-type\">Tensor</span>"))
        #expect(html.contains("<span class=\"tok-type\">SGD</span>"))
        #expect(html.contains("<span class=\"tok-identifier\">W1</span>"))
    }

    @Test func highlightingKeepsTheSourceText() {
        let source = "let x = [1.5, 2] // ok\n/* block\ncomment */ print(x.count > 0 && true)\n"
        let html = SwiftHighlighter.html(source)
        #expect(stripTags(html) == source.dropLast())
        // Spans never cross a line break.
        for line in html.split(separator: "\n") {
            #expect(line.components(separatedBy: "<span").count == line.components(separatedBy: "</span>").count)
        }
    }

    @Test func pythonTwinTokens() {
        let html = PythonHighlighter.html("import torch\nx = torch.ones(2) * 3.5  # <x>\ns = f'{x}' + \"a\\\"b\"\n")
        #expect(html.contains("<span class=\"tok-keyword\">import</span> <span class=\"tok-identifier\">torch</span>"))
        #expect(html.contains("<span class=\"tok-number\">3.5</span>"))
        #expect(html.contains("<span class=\"tok-comment\"># &lt;x&gt;</span>"))
        #expect(html.contains("<span class=\"tok-string\">f&#39;{x}&#39;</span>"))
        #expect(html.contains("<span class=\"tok-string\">&quot;a\\&quot;b&quot;</span>"))
    }

    @Test func headingSlugs() {
        var slugs = Slugs()
        #expect(slugs.id(for: "Weight sharing: `ModuleDict`!") == "weight-sharing-moduledict")
        #expect(slugs.id(for: "Weight sharing — ModuleDict") == "weight-sharing-moduledict-2")
        #expect(slugs.id(for: "???") == "section")
    }

    /// `html` without tags and with the five entities decoded.
    private func stripTags(_ html: String) -> String {
        var out = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return out.replacingAll("&lt;", with: "<").replacingAll("&gt;", with: ">")
            .replacingAll("&quot;", with: "\"").replacingAll("&#39;", with: "'").replacingAll("&amp;", with: "&")
    }
}
