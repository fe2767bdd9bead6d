/// Turns one lesson's results into the values its page template renders, plus its search entry.
struct LessonPageBuilder {
    var graphviz: Graphviz
    /// Highlighted code and pictures from earlier builds, if a memo is used.
    var memo: RenderMemo? = nil
    /// Links from names in Swift cells to the API reference, when the site has one.
    var links: APILinks? = nil
    /// The API reference's landing page, when the site has one.
    var apiHref: String? = nil

    /// The page file name of a lesson (`03-dynamic-net.html`), relative to the site root.
    static func href(_ lesson: Lesson) -> String { "\(lesson.name).html" }

    /// A lesson number as shown (`03`).
    static func number(_ lesson: Lesson) -> String {
        lesson.number < 10 ? "0\(lesson.number)" : "\(lesson.number)"
    }

    /// The id of a cell's section: `cell-` and the line of its opening fence.
    static func anchor(_ cell: Cell) -> String { "cell-\(cell.line)" }

    /// The page for `results[position]`, linking to its neighbours.
    func page(_ results: [LessonResult], at position: Int, siteName: String) throws
        -> (page: LessonPage, search: SearchPage, summaryHTML: String?)
    {
        let result = results[position]
        let lesson = result.lesson
        var slugs = Slugs()
        // Ids the page uses itself: headings never take them.
        for reserved in ["top"] + lesson.cells.map({ Self.anchor($0) }) { _ = slugs.id(for: reserved) }
        var blocks: [BlockView] = []
        var toc: [TOCEntry] = []
        var summary: String?
        var search = SearchPage(href: Self.href(lesson), number: Self.number(lesson), title: lesson.title)

        for block in lesson.blocks {
            switch block {
            case .prose(let prose):
                let rendered = Markdown.render(prose.markdown, slugs: &slugs)
                if summary == nil { summary = rendered.firstParagraphHTML }
                toc += rendered.headings.filter { (2...3).contains($0.level) }
                    .map { TOCEntry(id: $0.id, text: $0.text, level: $0.level) }
                for text in rendered.textBlocks { search.add(text) }
                blocks.append(BlockView(proseHTML: rendered.html))
            case .cell(let cell):
                let cellResult = result.cells.first { $0.index == cell.index }
                    ?? CellResult(index: cell.index, line: cell.line, status: .notReached)
                guard var view = try cellView(cell, cellResult, lesson: lesson) else { continue }
                if let twin = lesson.twins.first(where: { $0.cellIndex == cell.index }) {
                    addTwin(twin, result.twins.first { $0.index == twin.index }, torch: result.torchVersion, to: &view)
                }
                if view.showsCode { search.add(.text(cell.source)) }
                blocks.append(BlockView(cell: view))
            case .stray(let fence):
                blocks.append(BlockView(stray: fence.content.trimmingSuffix("\n")))
            }
        }

        let problems = result.problems.map(\.description)
        let page = LessonPage(
            layout: LayoutFields(pageTitle: "\(lesson.title) · \(siteName)", siteName: siteName,
                                 chapters: Self.chapters(results, current: position), apiHref: apiHref),
            number: Self.number(lesson), title: lesson.title,
            toc: toc, hasTOC: !toc.isEmpty, blocks: blocks,
            problems: problems, hasProblems: !problems.isEmpty,
            previous: position > 0 ? navLink(results[position - 1].lesson) : nil,
            next: position + 1 < results.count ? navLink(results[position + 1].lesson) : nil)
        return (page, search, summary)
    }

    /// The chapter list: every lesson in curriculum order, `current` (if any) marked.
    static func chapters(_ results: [LessonResult], current: Int?) -> [ChapterLink] {
        results.enumerated().map { position, result in
            ChapterLink(number: number(result.lesson), title: result.lesson.title, href: href(result.lesson),
                        current: position == current)
        }
    }

    private func navLink(_ lesson: Lesson) -> NavLink {
        NavLink(href: Self.href(lesson), title: lesson.title, number: Self.number(lesson))
    }

    /// The view of one cell, or nil for a hidden cell that succeeded (hidden cells are left out;
    /// a hidden cell that failed shows its error box without its code).
    func cellView(_ cell: Cell, _ result: CellResult, lesson: Lesson) throws -> CellView? {
        let hidden = cell.has(.hidden)
        if hidden && result.status.isSuccess { return nil }
        let anchor = Self.anchor(cell)
        var figures: [FigureView] = []
        for (k, output) in result.richOutputs.enumerated() {
            let svg = try figureSVG(output, idPrefix: "\(lesson.slug)-\(anchor)-\(k)-", lesson: lesson, cell: cell)
            figures.append(FigureView(svgHTML: svg, description: FigureDescription.text(svg)))
        }
        let stdout = result.stdout.trimmingSuffix("\n")
        return CellView(
            anchor: anchor, status: result.status.rawValue, line: cell.line,
            showsCode: !hidden,
            codeHTML: remembered(links.map { "swift+api \($0.fingerprint)" } ?? "swift", cell.source) {
                SwiftHighlighter.html(cell.source, links: links)
            },
            twinHTML: nil, hasTwin: false, twinOutput: nil, twinLabel: nil, twinFailure: nil,
            badge: badge(result),
            stdout: stdout.isEmpty ? nil : stdout,
            figures: figures,
            errorBox: errorBox(cell, result))
    }

    /// The twin's code tab and checked output; a hidden twin is left out (unless it failed).
    func addTwin(_ twin: Twin, _ result: CellResult?, torch: String?, to view: inout CellView) {
        let failed = result.map { !$0.status.isSuccess } ?? false
        guard !twin.has(.hidden) || failed else { return }
        view.hasTwin = true
        view.twinHTML = remembered("python", twin.source) { PythonHighlighter.html(twin.source) }
        // The release without its local build tag (`2.13.0`, not `2.13.0+cpu`): PyPI's and the CPU wheel
        // folder's builds of one release print the same, and the page must not depend on which was installed.
        guard let result, let torch = torch?.split(separator: "+").first.map(String.init) else { return }
        let checked = "checked with PyTorch \(torch)"
        switch result.status {
        case .passed:
            let printed = result.stdout.trimmingSuffix("\n")
            view.twinOutput = printed.isEmpty ? nil : printed
            view.twinLabel = "Output · \(checked)"
        case .expectedFailure:
            view.twinOutput = OutputText.normalized(result.actual).trimmingSuffix("\n")
            view.twinLabel = "Raises, as it should · \(checked)"
        case .failed, .notReached:
            view.twinOutput = [result.error, result.diff].compactMap { $0?.trimmingSuffix("\n") }.joined(separator: "\n")
            view.twinLabel = result.status == .failed ? "This twin failed with PyTorch \(torch)" : "Not run"
            view.twinFailure = "failure"
        case .compiledOnly, .skipped, .compileFail:
            view.twinLabel = nil
        }
    }

    private func badge(_ result: CellResult) -> String? {
        switch result.status {
        case .compiledOnly: "compiled, not run"
        case .skipped: "shown only, not compiled"
        default: nil
        }
    }

    private func errorBox(_ cell: Cell, _ result: CellResult) -> ErrorBox? {
        let error = result.error.map { $0.trimmingSuffix("\n") }
        switch result.status {
        case .expectedFailure:
            return ErrorBox(kind: "expected", label: "Fails, as it should", text: error)
        case .compileFail:
            return ErrorBox(kind: "expected", label: "Does not compile, as it should", text: error)
        case .failed:
            let label = cell.has(.hidden)
                ? "Hidden setup cell at line \(cell.line) failed" : "This cell failed"
            return ErrorBox(kind: "failure", label: label, text: error, diff: result.diff)
        case .notReached:
            return ErrorBox(kind: "failure", label: "Not reached: the lesson stopped before this cell",
                            text: error)
        case .passed, .compiledOnly, .skipped:
            return nil
        }
    }

    /// A rich output as inline SVG: DOT through Graphviz, then either kind through `SVGSanitizer`;
    /// a picture that had active content (scripts, event handlers, `javascript:` links) is an error.
    private func figureSVG(_ output: RichOutput, idPrefix: String, lesson: Lesson, cell: Cell) throws -> String {
        let svg: String
        let kind: String
        switch output {
        case .dot(let dot):
            kind = "graph output"
            do {
                svg = try remembered("dot", dot) { try graphviz.rawSVG(for: dot) }
            } catch {
                throw RenderError(file: lesson.file, line: cell.line, message: "graph output: \(error)")
            }
        case .svg(let text):
            kind = "SVG output"
            svg = text
        }
        do {
            let clean = try SVGSanitizer.sanitize(svg)
            guard clean.removed.isEmpty else {
                throw RunnerError("has active content (\(clean.removed.joined(separator: ", "))); only static pictures can be embedded")
            }
            return SVGText.inlineable(clean.svg, idPrefix: idPrefix)
        } catch {
            throw RenderError(file: lesson.file, line: cell.line, message: "\(kind) \(error)")
        }
    }
}

extension LessonPageBuilder {
    /// `compute()`, or its value from an earlier build when a memo is used.
    func remembered(_ kind: String, _ input: String, _ compute: () throws -> String) rethrows -> String {
        guard let memo else { return try compute() }
        return try memo.value(kind, input, compute: compute)
    }
}

/// An error while rendering the site, pointing at the lesson line it comes from.
public struct RenderError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): error: \(message)" }
}
