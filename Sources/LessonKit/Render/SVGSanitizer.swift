import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The one filter every picture goes through before it is put in a page (an SVG output, and the
/// SVG Graphviz makes of a DOT output): the document is parsed as XML and written again with only
/// allowed elements, attributes and URL schemes. Anything dangerous it had (scripts, event
/// handlers, foreign HTML, `javascript:` or `data:` links) is listed in `removed`.
enum SVGSanitizer {
    /// A sanitized picture and what was taken out of it.
    struct Result: Equatable {
        /// The `<svg>` element, written again from the allowed parts only.
        var svg: String
        /// One entry per dangerous thing removed (`<script>`, `onclick`, `xlink:href="javascript:…"`).
        var removed: [String]
    }

    /// Static SVG drawing elements; everything else is dropped with its contents.
    static let elements: Set<String> = [
        "svg", "g", "title", "desc", "a", "defs", "path", "polygon", "polyline", "line", "rect", "circle",
        "ellipse", "text", "tspan", "textPath", "linearGradient", "radialGradient", "stop", "clipPath", "mask",
        "marker", "pattern", "symbol", "use",
    ]

    /// Presentation and geometry attributes; others are dropped (event handlers are reported).
    static let attributes: Set<String> = [
        "id", "class", "width", "height", "viewBox", "preserveAspectRatio", "transform", "version",
        "xmlns", "xmlns:xlink", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points",
        "dx", "dy", "rotate", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
        "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
        "opacity", "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline",
        "alignment-baseline", "letter-spacing", "text-decoration", "offset", "stop-color", "stop-opacity",
        "gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy", "clip-path", "clipPathUnits",
        "clip-rule", "mask", "maskUnits", "marker-start", "marker-mid", "marker-end", "markerWidth",
        "markerHeight", "markerUnits", "refX", "refY", "orient", "patternUnits", "patternTransform",
        "visibility", "display", "color", "style", "href", "xlink:href", "xlink:title", "target",
    ]

    /// Attributes holding a link: only `#fragment`, relative, `http:`, `https:` and `mailto:` pass.
    static let linkAttributes: Set<String> = ["href", "xlink:href"]
    static let schemes: Set<String> = ["http", "https", "mailto"]

    /// Sanitizes `svg`; throws when it is not well-formed XML or holds no `<svg>` element.
    static func sanitize(_ svg: String) throws -> Result {
        let writer = Writer()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.shouldResolveExternalEntities = false
        parser.delegate = writer
        // libxml2 recovers from some errors: a reported error or an element left open fails too.
        guard parser.parse(), !writer.failed, writer.isBalanced else {
            throw RunnerError("the picture is not well-formed SVG (\(parser.parserError.map { "\($0.localizedDescription)" } ?? "XML error"))")
        }
        guard writer.sawRoot else { throw RunnerError("the picture has no <svg> element") }
        return Result(svg: writer.output, removed: writer.removed)
    }

    /// Why an attribute value must go, or nil when it may stay.
    static func danger(attribute name: String, value: String) -> String? {
        let compact = value.lowercased().filter { !$0.isWhitespace && !$0.isNewline && $0 != "\0" }
        if linkAttributes.contains(name) {
            if compact.hasPrefix("#") { return nil }
            if let colon = compact.firstIndex(of: ":"), !compact[..<colon].contains("/") {
                let scheme = String(compact[..<colon])
                return schemes.contains(scheme) ? nil : "\(name)=\"\(scheme):…\""
            }
            return nil
        }
        // url(…) may only point inside the picture; no script or old IE expressions anywhere.
        if compact.contains("javascript:") || compact.contains("expression(") || compact.contains("@import")
            || compact.replacingOccurrences(of: "url(#", with: "").contains("url(") {
            return "\(name)=\"\(value.prefix(30))\""
        }
        return nil
    }

    /// Rebuilds the document from parser events.
    private final class Writer: NSObject, XMLParserDelegate {
        var output = ""
        var removed: [String] = []
        var sawRoot = false
        /// Depth inside an element being dropped (0: not dropping).
        private var dropping = 0
        /// Whether the last start tag is still open (`<g …` without `>`), so it can close as `/>`.
        private var startTagOpen = false
        private var depth = 0
        /// Whether the last event was a comment (dropped).
        private var afterComment = false
        /// Whether the parser reported an error (even one it recovered from).
        var failed = false
        /// Whether every element opened was closed.
        var isBalanced: Bool { depth == 0 && dropping == 0 }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            failed = true
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if dropping > 0 || (depth == 0 && sawRoot) || !SVGSanitizer.elements.contains(name)
                || (depth == 0 && name != "svg") {
                if dropping == 0 { removed.append("<\(name)>") }
                dropping += 1
                return
            }
            closeStartTag()
            sawRoot = true
            depth += 1
            output += "<\(name)"
            for key in attributes.keys.sorted() {
                let value = attributes[key]!
                if key.lowercased().hasPrefix("on") {
                    removed.append(key)
                    continue
                }
                guard SVGSanitizer.attributes.contains(key) else { continue }
                if SVGSanitizer.linkAttributes.contains(key), name != "a", !value.hasPrefix("#") {
                    removed.append("<\(name) \(key)=\"\(value.prefix(30))\">")
                    continue
                }
                if let danger = SVGSanitizer.danger(attribute: key, value: value) {
                    removed.append(danger)
                    continue
                }
                output += " \(key)=\"\(HTMLEscape.text(value))\""
            }
            startTagOpen = true
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if dropping > 0 {
                dropping -= 1
                return
            }
            depth -= 1
            if startTagOpen {
                output += "/>"
                startTagOpen = false
            } else {
                output += "</\(name)>"
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard dropping == 0, depth > 0 else { return }
            // A dropped comment's line ending goes with it (Graphviz puts each comment on its own line).
            let text = afterComment && string.first == "\n" ? String(string.dropFirst()) : string
            afterComment = false
            guard !text.isEmpty else { return }
            closeStartTag()
            output += HTMLEscape.text(text)
        }

        func parser(_ parser: XMLParser, foundComment comment: String) {
            afterComment = true
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            self.parser(parser, foundCharacters: String(decoding: block, as: UTF8.self))
        }

        private func closeStartTag() {
            if startTagOpen {
                output += ">"
                startTagOpen = false
            }
        }
    }
}
