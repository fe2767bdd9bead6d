import Foundation

/// A rendered site: file paths relative to the site root, with their bytes.
public struct Site: Equatable, Sendable {
    /// Path (`index.html`, `assets/site.css`) → contents.
    public var files: [String: Data]

    public init(files: [String: Data]) {
        self.files = files
    }
}

/// Renders lesson results into the pages, assets and search index of the HTML site.
///
/// The output depends only on its input: no dates, no absolute paths, keys sorted, so the same results
/// always give byte-identical files. Every link is relative and every page sits at the site root.
public struct SiteRenderer {
    /// The name shown in the top bar and page titles.
    public static let siteName = "DynamicGraphs"

    private let resources: SiteResources
    private let graphviz: Graphviz
    private let memo: RenderMemo?
    private let api: APIArchive?

    /// Loads the bundled templates and assets; `graphviz` turns DOT outputs into SVG, `memo` (when
    /// given) keeps highlighted code and pictures between builds, and `api` (a DocC archive of
    /// Autograd) becomes the API reference under `api/`, which lesson code links into.
    public init(graphviz: Graphviz = Graphviz(), memo: RenderMemo? = nil, api: APIArchive? = nil) throws {
        self.resources = try SiteResources.bundled()
        self.graphviz = graphviz
        self.memo = memo
        self.api = api
    }

    /// The page builder for lesson pages, with the API links when there is a reference.
    func pageBuilder() -> LessonPageBuilder {
        LessonPageBuilder(graphviz: graphviz, memo: memo, links: api.map(APILinks.init), apiHref: api?.landingPath)
    }

    /// The whole site for `results`, in the order given (the curriculum order). Pages are rendered
    /// in parallel; the result does not depend on their timing.
    public func render(_ results: [LessonResult]) throws -> Site {
        let builder = pageBuilder()
        let pages = Slots<Result<(html: String, search: SearchPage, summary: String?), Error>>(count: results.count)
        DispatchQueue.concurrentPerform(iterations: results.count) { position in
            pages.set(position, Result {
                let (page, search, summary) = try builder.page(results, at: position, siteName: Self.siteName)
                return (try resources.render(page, template: "lesson"), search, summary)
            })
        }
        var files: [String: Data] = [:]
        var searchPages: [SearchPage] = []
        var entries: [IndexEntry] = []
        for (position, rendered) in pages.all().enumerated() {
            let (html, search, summary) = try rendered.get()
            let result = results[position]
            let href = LessonPageBuilder.href(result.lesson)
            files[href] = Data(html.utf8)
            searchPages.append(search)
            let shown = result.lesson.cells.filter { !$0.has(.hidden) }.count
            entries.append(IndexEntry(
                number: LessonPageBuilder.number(result.lesson), title: result.lesson.title, href: href,
                summaryHTML: summary, cellCount: shown, cellLabel: shown == 1 ? "cell" : "cells",
                failed: !result.succeeded))
        }
        let index = IndexPage(
            layout: LayoutFields(pageTitle: Self.siteName, siteName: Self.siteName,
                                 chapters: LessonPageBuilder.chapters(results, current: nil), apiHref: builder.apiHref),
            lessons: entries)
        files["index.html"] = Data(try resources.render(index, template: "index").utf8)
        files["search-index.js"] = Data(try SearchIndex.script(searchPages).utf8)
        if let api {
            for page in api.pages {
                var view = try APIPageWriter(page).view()
                view.landingHref = view.root + APIPageWriter.encoded(api.landingPath)
                files[APIArchive.sitePath(page.url)] = Data(try resources.render(view, template: "api").utf8)
            }
        }
        for asset in resources.assets {
            files["assets/\(asset.name)"] = asset.data
        }
        return Site(files: files)
    }
}
