import CCmark
import Foundation

/// A top-level block of a Markdown document as libcmark parsed it.
struct MarkdownNode {
    enum Kind: Equatable {
        /// A fenced or indented code block; `info` is "" for an indented one.
        case code(info: String, literal: String)
        case heading(level: Int, text: String)
        case html(literal: String)
        case other
    }

    let kind: Kind
    /// First and last 1-based source lines.
    let startLine: Int
    let endLine: Int
}

/// Parses Markdown with libcmark and returns the document's top-level blocks.
enum MarkdownTree {
    static func topLevelBlocks(of text: String) -> [MarkdownNode] {
        // The byte count, not strlen: a NUL must not end the document (cmark reads it as U+FFFD).
        let bytes = Array(text.utf8) + [0]
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parse_document($0, buffer.count - 1, CMARK_OPT_DEFAULT)
            }
        }
        guard let document else { return [] }
        defer { cmark_node_free(document) }
        var blocks: [MarkdownNode] = []
        var node = cmark_node_first_child(document)
        while let current = node {
            blocks.append(MarkdownNode(
                kind: kind(of: current),
                startLine: Int(cmark_node_get_start_line(current)),
                endLine: Int(cmark_node_get_end_line(current))))
            node = cmark_node_next(current)
        }
        return blocks
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_CODE_BLOCK:
            .code(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
        case CMARK_NODE_HEADING:
            .heading(level: Int(cmark_node_get_heading_level(node)), text: plainText(of: node))
        case CMARK_NODE_HTML_BLOCK:
            .html(literal: string(cmark_node_get_literal(node)))
        default:
            .other
        }
    }

    /// The concatenated text of a node's text, code and code-block descendants (line breaks become
    /// spaces): a heading's title, or the words of a block for the search index.
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                  let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                text += string(cmark_node_get_literal(current))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
