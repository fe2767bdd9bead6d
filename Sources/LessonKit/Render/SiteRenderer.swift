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

    /// Loads the bundled templates and assets; `graphviz` turns DOT outputs into SVG.
    public init(graphviz: Graphviz = Graphviz()) throws {
        self.resources = try SiteResources.bundled()
        self.graphviz = graphviz
    }

    /// The whole site for `results`, in the order given (the curriculum order).
    public func render(_ results: [LessonResult]) throws -> Site {
        var files: [String: Data] = [:]
        let builder = LessonPageBuilder(graphviz: graphviz)
        var searchPages: [SearchPage] = []
        var entries: [IndexEntry] = []
        for position in results.indices {
            let (page, search, summary) = try builder.page(results, at: position, siteName: Self.siteName)
            let lesson = results[position].lesson
            files[LessonPageBuilder.href(lesson)] = Data(try resources.render(page, template: "lesson").utf8)
            searchPages.append(search)
            let shown = lesson.cells.filter { !$0.has(.hidden) }.count
            entries.append(IndexEntry(
                number: page.number, title: lesson.title, href: LessonPageBuilder.href(lesson),
                summaryHTML: summary, cellCount: shown, cellLabel: shown == 1 ? "cell" : "cells",
                failed: !results[position].succeeded))
        }
        let index = IndexPage(
            layout: LayoutFields(pageTitle: Self.siteName, siteName: Self.siteName),
            lessons: entries, lessonCount: entries.count)
        files["index.html"] = Data(try resources.render(index, template: "index").utf8)
        files["search-index.js"] = Data(try SearchIndex.script(searchPages).utf8)
        for asset in resources.assets {
            files["assets/\(asset.name)"] = asset.data
        }
        return Site(files: files)
    }
}
