import Foundation

/// Loads every page of a built site in headless Chromium (`--dump-dom`, from `file://`) and checks
/// that the rendered DOM holds what the lessons produced: the title, the table-of-contents headings,
/// every shown cell's code, its output and error text, its pictures, and that the page script ran
/// without errors (`<html data-ready="1">`, no `data-script-error`, no console message) with the
/// stylesheet and search index loaded, and that every reader can use it (``PageExpectation/accessibilityProblems(dom:)``).
public struct BrowserCheck {
    /// The Chromium executable (Debian's `chromium`).
    public var chromium: String
    /// Seconds one page may take to load.
    public var timeout: Double

    public init(chromium: String = "chromium", timeout: Double = 90) {
        self.chromium = chromium
        self.timeout = timeout
    }

    /// Checks the pages of `results`, the index and (with `api`) the API reference's landing page and
    /// `Tensor` page in `site`; every relative link of a checked page must lead to a file. Returns one
    /// line per problem found.
    public func run(site: URL, results: [LessonResult], graphviz: Graphviz = Graphviz(),
                    memo: RenderMemo? = nil, api: APIArchive? = nil) throws -> [String] {
        let builder = LessonPageBuilder(graphviz: graphviz, memo: memo)
        var expectations = [PageExpectation.index(results)]
        for position in results.indices {
            let page = try builder.page(results, at: position, siteName: SiteRenderer.siteName).page
            expectations.append(.lesson(results[position].lesson, page))
        }
        if let api { expectations += PageExpectation.apiPages(api) }
        var problems: [String] = []
        for expectation in expectations {
            let page = site.appendingPathComponent(expectation.path)
            let (dom, log) = try load(page)
            problems += (expectation.problems(dom: dom, consoleLog: log) + Self.brokenLinks(in: dom, of: page))
                .map { "\(expectation.path): \($0)" }
        }
        return problems
    }

    /// The relative links of `dom` (the page at `page`) that lead to no file.
    static func brokenLinks(in dom: String, of page: URL) -> [String] {
        let hrefs = (DOMText.openingTags("a", in: dom) + DOMText.openingTags("link", in: dom)).map(\.tag)
            .compactMap { DOMText.attribute("href", in: $0) }
        let sources = DOMText.openingTags("script", in: dom).compactMap { DOMText.attribute("src", in: $0.tag) }
        return Set(hrefs + sources).sorted().compactMap { link in
            guard !link.hasPrefix("#"), !link.contains("://"), !link.hasPrefix("mailto:") else { return nil }
            let path = String(link.prefix { $0 != "#" })
            guard let target = URL(string: path, relativeTo: page)?.standardizedFileURL,
                  FileManager.default.fileExists(atPath: target.path) else { return "broken link \(link)" }
            return nil
        }
    }

    /// The serialised DOM of `page` after its scripts ran, and Chromium's console lines.
    private func load(_ page: URL) throws -> (dom: String, console: [String]) {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("lessons-browser-\(UUID().uuidString)")
        Cleanup.shared.addPath(scratch)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(at: scratch)
            Cleanup.shared.forgetPath(scratch)
        }
        let dom = scratch.appendingPathComponent("dom.html")
        let log = scratch.appendingPathComponent("log.txt")
        let arguments = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                         "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
                         "--enable-logging=stderr", "--v=0", "--dump-dom", page.absoluteString]
        let ending: ChildProcess.Ending
        do {
            ending = try ChildProcess.run(arguments, environment: ProcessInfo.processInfo.environment,
                                          stdout: dom, stderr: log, timeout: timeout)
        } catch {
            throw RunnerError("\(error) (the browser check needs Debian's chromium: WITH_BROWSER=1 make deps)")
        }
        guard ending == .exited(0) else {
            throw RunnerError("\(chromium) failed on \(page.path) (\(ending))")
        }
        let console = ((try? String(contentsOf: log, encoding: .utf8)) ?? "")
            .split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return (try String(contentsOf: dom, encoding: .utf8), console)
    }
}

/// What one page must show once loaded.
struct PageExpectation {
    /// The page's path in the site.
    var path: String
    /// Text the page must show, each with a short name for messages.
    var texts: [(what: String, text: String)] = []
    /// Element ids the page must have.
    var ids: [String] = []
    /// How many inline pictures the page must hold.
    var figures = 0
    /// The text alternative of each picture, in page order.
    var figureDescriptions: [String] = []
    /// Ids of headings that must link to themselves.
    var headingIDs: [String] = []
    /// The chapter list's links, in order, and the one marked as this page.
    var chapters: [String] = []
    var currentChapter: String?
    /// Whether the page must have the chapter list and run the site script (API pages have neither).
    var isLessonSitePage = true

    static func index(_ results: [LessonResult]) -> PageExpectation {
        var expectation = PageExpectation(path: "index.html")
        for result in results {
            expectation.texts.append(("lesson title", result.lesson.title))
            expectation.chapters.append(LessonPageBuilder.href(result.lesson))
        }
        return expectation
    }

    /// The API reference's landing page and the `Tensor` page: their titles, and every heading of
    /// their Topics linking to itself.
    static func apiPages(_ api: APIArchive) -> [PageExpectation] {
        api.pages.filter { ["/documentation/autograd", "/documentation/autograd/tensor"].contains($0.url) }.map { page in
            var expectation = PageExpectation(path: APIArchive.sitePath(page.url))
            expectation.isLessonSitePage = false
            expectation.texts.append(("title", page.node.metadata.title))
            for section in page.node.topicSections ?? [] {
                guard let title = section.title else { continue }
                expectation.texts.append(("topic", title))
                if let anchor = section.anchor { expectation.headingIDs.append(anchor) }
            }
            return expectation
        }
    }

    static func lesson(_ lesson: Lesson, _ page: LessonPage) -> PageExpectation {
        var expectation = PageExpectation(path: LessonPageBuilder.href(lesson))
        expectation.texts.append(("title", lesson.title))
        expectation.chapters = page.layout.chapters.map(\.href)
        expectation.currentChapter = page.layout.chapters.first(where: \.current)?.href
        for entry in page.toc {
            expectation.texts.append(("heading", entry.text))
            expectation.ids.append(entry.id)
            expectation.headingIDs.append(entry.id)
        }
        let sources = Dictionary(uniqueKeysWithValues: lesson.cells.map { (LessonPageBuilder.anchor($0), $0.source) })
        for cell in page.blocks.compactMap(\.cell) {
            expectation.ids.append(cell.anchor)
            if cell.showsCode, let source = sources[cell.anchor] {
                expectation.texts.append(("code of the cell at line \(cell.line)", source))
            }
            if let stdout = cell.stdout {
                expectation.texts.append(("output of the cell at line \(cell.line)", stdout))
            }
            if let twinOutput = cell.twinOutput {
                expectation.texts.append(("PyTorch output beside the cell at line \(cell.line)", twinOutput))
            }
            if let error = cell.errorBox?.text {
                expectation.texts.append(("error of the cell at line \(cell.line)", error))
            }
            expectation.figures += cell.figures.count
            expectation.figureDescriptions += cell.figures.map(\.description)
        }
        return expectation
    }

    /// What is wrong with the dumped `dom`, given the console lines Chromium logged.
    func problems(dom: String, consoleLog: [String]) -> [String] {
        var problems: [String] = []
        let root = DOMText.openingTag("html", in: dom) ?? ""
        if isLessonSitePage {
            if !root.contains("data-ready=\"1\"") { problems.append("the page script did not finish (no data-ready)") }
            if !root.contains("data-styled=\"1\"") { problems.append("the stylesheet did not load") }
            if (DOMText.attribute("data-search-entries", in: root).flatMap { Int($0) } ?? 0) == 0 {
                problems.append("the search index did not load")
            }
        }
        if let error = DOMText.attribute("data-script-error", in: root) {
            problems.append("script error: \(error)")
        }
        problems += consoleLog.map { "console: \($0)" }
        let text = DOMText.normalized(DOMText.text(of: dom))
        for (what, expected) in texts where !text.contains(DOMText.normalized(expected)) {
            problems.append("missing \(what): \(expected.prefix(60).debugDescription)")
        }
        for id in ids where !dom.contains("id=\"\(id)\"") {
            problems.append("missing element #\(id)")
        }
        let shown = DOMText.openingTags("figure", in: dom).filter { $0.tag.contains("class=\"graph\"") }
            .filter { dom[$0.end...].hasPrefix("<svg") }.count
        if shown != figures { problems.append("\(shown) pictures shown, \(figures) expected") }
        return problems + accessibilityProblems(dom: dom)
    }
}

/// Reading text out of serialised HTML.
enum DOMText {
    /// The text of `html`: tags and the contents of `<script>`/`<style>`/`<head>` removed, entities decoded.
    static func text(of html: String) -> String {
        var body = Substring(html)
        if let start = body.range(of: "<body") { body = body[start.lowerBound...] }
        var out = ""
        var rest = body
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            rest = rest[open...]
            for raw in ["<script", "<style"] where rest.hasPrefix(raw) {
                let close = "</" + raw.dropFirst() + ">"
                if let end = rest.range(of: close) { rest = rest[end.upperBound...] } else { rest = "" }
            }
            guard rest.first == "<" else { continue }
            if let end = rest.firstIndex(of: ">") { rest = rest[rest.index(after: end)...] } else { rest = "" }
        }
        out += rest
        return decodeEntities(out)
    }

    /// `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&nbsp;` and numeric entities decoded, `&amp;` last.
    static func decodeEntities(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semicolon = rest.prefix(10).firstIndex(of: ";") else {
                out.append("&"); rest = rest.dropFirst(); continue
            }
            let name = rest[rest.index(after: rest.startIndex)..<semicolon]
            let named: [Substring: String] = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "nbsp": " "]
            if let value = named[name] {
                out += value
            } else if name.hasPrefix("#"), let code = name.hasPrefix("#x")
                ? UInt32(name.dropFirst(2), radix: 16) : UInt32(name.dropFirst()),
                let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
            } else {
                out.append("&"); rest = rest.dropFirst(); continue
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    /// Whitespace runs collapsed to one space, ends trimmed.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The first `<name …>` tag in `html`.
    static func openingTag(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: "<\(name)"), let end = html[start.upperBound...].firstIndex(of: ">")
        else { return nil }
        return String(html[start.lowerBound...end])
    }

    /// Every `<name …>` tag in `html` (not `<nameX`), with the index just after it.
    static func openingTags(_ name: String, in html: String) -> [(tag: String, end: String.Index)] {
        var found: [(String, String.Index)] = []
        var rest = html[...]
        while let start = rest.range(of: "<\(name)") {
            rest = rest[start.upperBound...]
            guard let next = rest.first, next == ">" || next.isWhitespace,
                  let close = rest.firstIndex(of: ">") else { continue }
            let end = rest.index(after: close)
            found.append((String(html[start.lowerBound..<end]), end))
            rest = rest[end...]
        }
        return found
    }

    /// The value of `name="…"` in a tag.
    static func attribute(_ name: String, in tag: String) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let value = tag[start.upperBound...]
        return value.firstIndex(of: "\"").map { decodeEntities(String(value[..<$0])) }
    }
}
