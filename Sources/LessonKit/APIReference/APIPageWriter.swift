import Foundation

/// Turns one page of a DocC archive's render JSON into the HTML of its static page: every link
/// relative (the pages work from `file://`), percent-encoded where DocC's paths hold `(`, `:` or `*`.
struct APIPageWriter {
    let page: APIArchive.Page
    private var node: RenderNode { page.node }
    private var references: [String: Reference] { node.references ?? [:] }

    init(_ page: APIArchive.Page) { self.page = page }

    /// The page's template values.
    func view() throws -> APIPageView {
        let depth = APIArchive.relativePath(page.url).split(separator: "/").count
        let crumbs = (node.hierarchy?.paths?.first ?? []).compactMap { identifier -> APICrumb? in
            guard let reference = references[identifier], let url = reference.url else { return nil }
            return APICrumb(title: reference.title ?? url, href: href(url))
        }
        var body = ""
        for section in node.primaryContentSections ?? [] {
            switch section.kind {
            case "declarations": continue
            case "parameters": body += try parameters(section.parameters ?? [])
            case "content": body += try blocks(section.content ?? [])
            default: throw error("a \(section.kind.debugDescription) section")
            }
        }
        body += try linkSections("Topics", node.topicSections)
        body += try linkSections("Relationships", node.relationshipsSections)
        body += try linkSections("See Also", node.seeAlsoSections)
        return APIPageView(
            pageTitle: node.metadata.title, root: String(repeating: "../", count: depth),
            crumbs: crumbs, hasCrumbs: !crumbs.isEmpty, roleHeading: node.metadata.roleHeading, title: node.metadata.title,
            abstractHTML: try node.abstract.map(inlines).flatMap { $0.isEmpty ? nil : $0 },
            declarationHTML: node.primaryContentSections?.first { $0.kind == "declarations" }?
                .declarations?.first.map { declaration($0.tokens) },
            bodyHTML: body)
    }

    // MARK: Links

    /// The relative link from this page to the page at archive URL `url`.
    func href(_ url: String, fragment: String? = nil) -> String {
        let up = String(repeating: "../", count: APIArchive.relativePath(page.url).split(separator: "/").count - 1)
        let path = APIArchive.relativePath(url) + ".html"
        return up + Self.encoded(path) + (fragment.map { "#" + $0 } ?? "")
    }

    /// `path` percent-encoded except letters, digits, `-._~` and `/`.
    static func encoded(_ path: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    private func error(_ what: String) -> APIReferenceError {
        APIReferenceError("\(page.url): the API pages cannot show \(what)")
    }

    // MARK: Sections

    private func parameters(_ list: [RenderNode.Parameter]) throws -> String {
        var out = "<h2 id=\"parameters\"><a class=\"heading-link\" href=\"#parameters\">Parameters</a></h2>\n<dl class=\"api-parameters\">\n"
        for parameter in list {
            out += "<dt><code>\(HTMLEscape.text(parameter.name))</code></dt>\n<dd>\(try blocks(parameter.content))</dd>\n"
        }
        return out + "</dl>\n"
    }

    private func linkSections(_ heading: String, _ sections: [RenderNode.LinkSection]?) throws -> String {
        guard let sections, !sections.isEmpty else { return "" }
        let id = heading.lowercased().replacingOccurrences(of: " ", with: "-")
        var out = "<h2 id=\"\(id)\"><a class=\"heading-link\" href=\"#\(id)\">\(heading)</a></h2>\n"
        for section in sections {
            if let title = section.title {
                let anchor = HTMLEscape.text(section.anchor ?? Slugs.slug(title))
                out += "<h3 id=\"\(anchor)\"><a class=\"heading-link\" href=\"#\(anchor)\">\(HTMLEscape.text(title))</a></h3>\n"
            }
            out += "<ul class=\"api-topics\">\n"
            for identifier in section.identifiers {
                out += "<li>\(try topic(identifier))</li>\n"
            }
            out += "</ul>\n"
        }
        return out
    }

    /// A link to a page with its abstract, or the plain name of a symbol outside the archive.
    private func topic(_ identifier: String) throws -> String {
        guard let reference = references[identifier] else { throw error("a link to \(identifier) without its reference") }
        let title = HTMLEscape.text(reference.title ?? identifier)
        guard let url = reference.url, reference.type == "topic" else { return "<code>\(title)</code>" }
        // Overloads share a title: a symbol shows its declaration, which tells them apart.
        let name = reference.kind != "symbol" ? title
            : "<code>\(reference.fragments.map(declaration) ?? title)</code>"
        let abstract = try inlines(reference.abstract ?? [])
        return "<a href=\"\(href(url))\">\(name)</a>" + (abstract.isEmpty ? "" : "<p>\(abstract)</p>")
    }

    // MARK: Declarations

    private func declaration(_ tokens: [RenderNode.Token]) -> String {
        tokens.map { token in
            let text = HTMLEscape.text(token.text)
            let kind: String? = switch token.kind {
            case "keyword": "keyword"
            case "typeIdentifier": "type"
            case "identifier", "internalParam": "identifier"
            case "externalParam", "label": "label"
            case "attribute": "attribute"
            case "number": "number"
            case "string": "string"
            default: nil
            }
            let span = kind.map { "<span class=\"tok-\($0)\">\(text)</span>" } ?? text
            if let identifier = token.identifier, let url = references[identifier]?.url {
                return "<a href=\"\(href(url))\">\(span)</a>"
            }
            return span
        }.joined()
    }

    // MARK: Content

    private func blocks(_ list: [Block]) throws -> String {
        try list.map(block).joined()
    }

    private func block(_ block: Block) throws -> String {
        switch block.type {
        case "paragraph":
            return "<p>\(try inlines(block.inlineContent ?? []))</p>\n"
        case "heading":
            let level = min(max(block.level ?? 2, 2), 6)
            let text = HTMLEscape.text(block.text ?? "")
            guard let anchor = block.anchor.map(HTMLEscape.text) else { return "<h\(level)>\(text)</h\(level)>\n" }
            return "<h\(level) id=\"\(anchor)\"><a class=\"heading-link\" href=\"#\(anchor)\">\(text)</a></h\(level)>\n"
        case "codeListing":
            let code = (block.code ?? []).joined(separator: "\n")
            let html = block.syntax == "swift" ? SwiftHighlighter.html(code) : HTMLEscape.text(code)
            return "<pre class=\"code\"><code>\(html)</code></pre>\n"
        case "unorderedList", "orderedList":
            let tag = block.type == "orderedList" ? "ol" : "ul"
            let start = block.start.map { " start=\"\($0)\"" } ?? ""
            let items = try (block.items ?? []).map { "<li>\(try blocks($0.content))</li>\n" }.joined()
            return "<\(tag)\(start)>\n\(items)</\(tag)>\n"
        case "aside":
            let name = HTMLEscape.text(block.name ?? block.style?.capitalized ?? "Note")
            return "<div class=\"api-aside\"><p class=\"api-aside-name\">\(name)</p>\(try blocks(block.content ?? []))</div>\n"
        case "table":
            var rows = block.rows ?? []
            var out = "<table>\n"
            if block.header == "row", !rows.isEmpty {
                out += "<thead><tr>" + (try rows.removeFirst().map { "<th>\(try cell($0))</th>" }.joined()) + "</tr></thead>\n"
            }
            out += "<tbody>\n"
            for row in rows { out += "<tr>" + (try row.map { "<td>\(try cell($0))</td>" }.joined()) + "</tr>\n" }
            return out + "</tbody>\n</table>\n"
        case "thematicBreak":
            return "<hr>\n"
        default:
            throw error("a \(block.type.debugDescription) block")
        }
    }

    /// A table cell: its one paragraph without the `<p>` wrapper.
    private func cell(_ content: [Block]) throws -> String {
        if content.count == 1, content[0].type == "paragraph" { return try inlines(content[0].inlineContent ?? []) }
        return try blocks(content)
    }

    private func inlines(_ list: [Inline]) throws -> String {
        try list.map(inline).joined()
    }

    private func inline(_ inline: Inline) throws -> String {
        let inner = { try self.inlines(inline.inlineContent ?? []) }
        switch inline.type {
        case "text": return HTMLEscape.text(inline.text ?? "")
        case "codeVoice": return "<code>\(HTMLEscape.text(inline.code ?? ""))</code>"
        case "emphasis", "newTerm": return "<em>\(try inner())</em>"
        case "strong", "inlineHead": return "<strong>\(try inner())</strong>"
        case "strikethrough": return "<s>\(try inner())</s>"
        case "subscript": return "<sub>\(try inner())</sub>"
        case "superscript": return "<sup>\(try inner())</sup>"
        case "link":
            return "<a href=\"\(HTMLEscape.text(inline.destination ?? ""))\">\(HTMLEscape.text(inline.title ?? inline.destination ?? ""))</a>"
        case "reference":
            guard let identifier = inline.identifier, let reference = references[identifier] else {
                throw error("a reference without its target")
            }
            let title = HTMLEscape.text(inline.overridingTitle ?? reference.title ?? identifier)
            if reference.type == "link", let destination = reference.destination {
                return "<a href=\"\(HTMLEscape.text(destination))\">\(title)</a>"
            }
            let name = reference.kind == "symbol" ? "<code>\(title)</code>" : title
            guard let url = reference.url, reference.type == "topic" else { return name }
            return "<a href=\"\(href(url))\">\(name)</a>"
        default:
            throw error("inline \(inline.type.debugDescription) content")
        }
    }
}

/// The values `api.mustache` renders for one reference page.
struct APIPageView {
    var pageTitle: String
    /// The way up from the page to the site root (`../../`).
    var root: String
    var crumbs: [APICrumb]
    /// Stored, not computed: the templates read values by reflection.
    var hasCrumbs: Bool
    var roleHeading: String?
    var title: String
    var abstractHTML: String?
    var declarationHTML: String?
    var bodyHTML: String
    /// The module's landing page, relative to this page.
    var landingHref = ""
}

/// A parent page in the breadcrumbs.
struct APICrumb {
    var title: String
    var href: String
}
