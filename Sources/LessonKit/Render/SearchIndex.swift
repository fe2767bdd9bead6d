import Foundation

/// One lesson in the search index: its sections (split at headings) as plain text.
struct SearchPage: Encodable {
    var href: String
    var number: String
    var title: String
    var sections: [SearchSection] = [SearchSection(anchor: "top", heading: "", text: "")]

    /// Adds prose or code text to the current section; a heading starts a new section.
    mutating func add(_ block: TextBlock) {
        switch block {
        case .heading(let heading):
            sections.append(SearchSection(anchor: heading.id, heading: heading.text, text: ""))
        case .text(let text):
            let last = sections.count - 1
            sections[last].text += sections[last].text.isEmpty ? text : " " + text
        }
    }
}

/// A searchable part of a lesson page, addressed by its heading's anchor.
struct SearchSection: Encodable {
    var anchor: String
    var heading: String
    var text: String
}

/// Writes `search-index.js`: the index as a script that sets `window.LESSONS_SEARCH`, so pages opened
/// from `file://` load it with a `<script>` tag instead of a fetch.
enum SearchIndex {
    static func script(_ pages: [SearchPage]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(pages.map(compact)), as: UTF8.self)
        return "window.LESSONS_SEARCH = \(json);\n"
    }

    /// The page with whitespace runs collapsed and empty sections dropped, to keep the index small.
    private static func compact(_ page: SearchPage) -> SearchPage {
        var page = page
        page.sections = page.sections.compactMap { section in
            var section = section
            section.text = section.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return section.text.isEmpty && section.heading.isEmpty ? nil : section
        }
        return page
    }
}
