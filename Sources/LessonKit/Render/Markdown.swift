import Foundation
import CCmark

/// A heading found in prose: its level (1–6), plain text and anchor id.
public struct Heading: Equatable, Sendable {
    /// 1 for `#`, 2 for `##`, …
    public var level: Int
    /// The heading's text without markup.
    public var text: String
    /// The `id` attribute given to the heading element.
    public var id: String
}

/// Markdown prose rendered to HTML by libcmark, with ids on headings.
public struct RenderedProse: Equatable, Sendable {
    /// The HTML (`cmark_render_html`, safe mode: raw HTML in the Markdown is omitted).
    public var html: String
    /// The headings in document order.
    public var headings: [Heading]
    /// The HTML of the first paragraph (without the `<p>` wrapper), if there is one.
    public var firstParagraphHTML: String?
    /// The prose as plain text, block by block, for the search index.
    public var textBlocks: [TextBlock]
}

/// A top-level block of prose as plain text.
public enum TextBlock: Equatable, Sendable {
    /// A heading (starts a new section).
    case heading(Heading)
    /// Any other block's text without markup.
    case text(String)
}

/// Renders Markdown prose with libcmark.
public enum Markdown {
    /// Renders `source`, taking heading ids from `slugs` so ids stay unique across a page's prose blocks.
    public static func render(_ source: String, slugs: inout Slugs) -> RenderedProse {
        let root = source.withCString { cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }!
        defer { cmark_node_free(root) }

        var headings: [Heading] = []
        var firstParagraph: String?
        var textBlocks: [TextBlock] = []
        var node = cmark_node_first_child(root)
        while let block = node {
            node = cmark_node_next(block)
            let text = MarkdownTree.plainText(of: block).trimmingSuffix("\n")
            switch cmark_node_get_type(block) {
            case CMARK_NODE_HEADING:
                let level = Int(cmark_node_get_heading_level(block))
                let heading = Heading(level: level, text: text, id: slugs.id(for: text))
                headings.append(heading)
                textBlocks.append(.heading(heading))
            case CMARK_NODE_PARAGRAPH where firstParagraph == nil:
                firstParagraph = html(block).trimmingSuffix("\n").dropWrapper("<p>", "</p>")
                textBlocks.append(.text(text))
            case CMARK_NODE_HTML_BLOCK:
                // Raw HTML (e.g. `<!-- lessons: timeout=300 -->` settings) is not shown.
                cmark_node_unlink(block)
                cmark_node_free(block)
            default:
                if !text.isEmpty { textBlocks.append(.text(text)) }
            }
        }
        return RenderedProse(
            html: addHeadingIDs(html(root), headings),
            headings: headings, firstParagraphHTML: firstParagraph,
            textBlocks: textBlocks)
    }

    /// The HTML cmark renders for a node.
    private static func html(_ node: OpaquePointer) -> String {
        let cString = cmark_render_html(node, CMARK_OPT_DEFAULT)!
        defer { free(cString) }
        return String(cString: cString)
    }

    /// Gives the n-th `<hN>` tag of `html` the id of the n-th heading, and makes the heading's text a
    /// link to itself (mdBook's anchors: a reader can copy the link to a section).
    ///
    /// In safe mode cmark escapes or omits every `<` that is not its own tag, so each literal `<hN>`
    /// in its output opens one of the document's headings, in document order, and the next `</hN>`
    /// closes it. A heading that holds a link of its own gets a separate `#` link after its text
    /// instead, since links cannot nest.
    static func addHeadingIDs(_ html: String, _ headings: [Heading]) -> String {
        var out = ""
        var rest = Substring(html)
        for heading in headings {
            let open = "<h\(heading.level)>", close = "</h\(heading.level)>"
            guard let start = rest.range(of: open), let end = rest[start.upperBound...].range(of: close) else { break }
            out += rest[..<start.lowerBound]
            let content = rest[start.upperBound..<end.lowerBound]
            out += "<h\(heading.level) id=\"\(heading.id)\">"
            if content.contains("<a ") {
                out += content + "<a class=\"heading-link\" href=\"#\(heading.id)\" aria-label=\"Link to this section\">#</a>"
            } else {
                out += "<a class=\"heading-link\" href=\"#\(heading.id)\">" + content + "</a>"
            }
            out += close
            rest = rest[end.upperBound...]
        }
        return out + rest
    }
}

extension String {
    /// The string without trailing copies of `suffix`.
    func trimmingSuffix(_ suffix: String) -> String {
        var s = self
        while !suffix.isEmpty && s.hasSuffix(suffix) { s.removeLast(suffix.count) }
        return s
    }

    /// The string without `open` at its start and `close` at its end, when both are there.
    func dropWrapper(_ open: String, _ close: String) -> String {
        guard hasPrefix(open), hasSuffix(close), count >= open.count + close.count else { return self }
        return String(dropFirst(open.count).dropLast(close.count))
    }
}
