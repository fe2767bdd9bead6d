/// What the browser check requires of a loaded page so that every reader can use it: pictures with
/// a text alternative, headings that link to themselves, a chapter list on every page, and a page
/// that works from the keyboard (a skip link first, only natively focusable controls, no tab order
/// imposed by positive `tabindex`).
extension PageExpectation {
    /// What is wrong with the dumped `dom` for readers who use a screen reader or the keyboard.
    func accessibilityProblems(dom: String) -> [String] {
        var problems: [String] = []
        // Pictures: role="img" and the text alternative the page was rendered with.
        let figureTags = DOMText.openingTags("figure", in: dom).map(\.tag).filter { $0.contains("class=\"graph\"") }
        for (position, tag) in figureTags.enumerated() {
            guard tag.contains(" role=\"img\"") else { problems.append("picture \(position + 1) has no role=\"img\""); continue }
            let label = DOMText.attribute("aria-label", in: tag) ?? ""
            if label.isEmpty {
                problems.append("picture \(position + 1) has no text alternative (aria-label)")
            } else if position < figureDescriptions.count, label != figureDescriptions[position] {
                problems.append("picture \(position + 1) is described as \(label.debugDescription), "
                                + "expected \(figureDescriptions[position].debugDescription)")
            }
        }
        // Headings: each links to its own anchor.
        for id in headingIDs {
            guard let start = dom.range(of: " id=\"\(id)\""), dom[..<start.lowerBound].hasSuffix("<h2")
                || dom[..<start.lowerBound].hasSuffix("<h3") else {
                problems.append("heading #\(id) is missing or not an h2/h3")
                continue
            }
            let heading = dom[start.upperBound...]
            let end = heading.range(of: "</h")?.lowerBound ?? heading.endIndex
            if !heading[..<end].contains("href=\"#\(id)\"") { problems.append("heading #\(id) has no link to itself") }
        }
        // The chapter list: every lesson, this page marked (API pages link to the index instead).
        if isLessonSitePage { problems += chapterProblems(dom: dom) }
        // Keyboard: the first focusable thing skips to the content; controls are focusable.
        let links = DOMText.openingTags("a", in: dom).map(\.tag)
        if let first = links.first, first.contains("class=\"skip-link\""), let target = DOMText.attribute("href", in: first) {
            if !dom.contains("id=\"\(target.dropFirst())\"") { problems.append("the skip link's target \(target) is missing") }
        } else {
            problems.append("the first link of the page is not a skip link to the content")
        }
        for tag in links where DOMText.attribute("href", in: tag) == nil {
            problems.append("a link without href cannot be reached from the keyboard: \(tag.prefix(80))")
        }
        for element in ["span", "div", "li", "pre", "figure", "section"] {
            for tag in DOMText.openingTags(element, in: dom).map(\.tag)
            where tag.contains("role=\"tab\"") || tag.contains("role=\"button\"") {
                problems.append("a control that is not a button: \(tag.prefix(80))")
            }
        }
        let positive = dom.components(separatedBy: "tabindex=\"").dropFirst().compactMap { Int($0.prefix { $0 != "\"" }) }
            .filter { $0 > 0 }
        if !positive.isEmpty { problems.append("positive tabindex values \(positive) change the keyboard order") }
        return problems
    }

    private func chapterProblems(dom: String) -> [String] {
        guard let navStart = dom.range(of: "<nav id=\"chapters\""),
              let navEnd = dom[navStart.upperBound...].range(of: "</nav>") else {
            return ["no chapter list (nav#chapters)"]
        }
        let links = DOMText.openingTags("a", in: String(dom[navStart.lowerBound..<navEnd.upperBound])).map(\.tag)
        var problems: [String] = []
        let hrefs = links.compactMap { DOMText.attribute("href", in: $0) }
        if hrefs != chapters { problems.append("the chapter list links \(hrefs), expected \(chapters)") }
        let current = links.filter { $0.contains("aria-current=\"page\"") }.compactMap { DOMText.attribute("href", in: $0) }
        if current != (currentChapter.map { [$0] } ?? []) {
            problems.append("the chapter list marks \(current) as this page, expected \(currentChapter.map { [$0] } ?? [])")
        }
        if !dom.contains("aria-controls=\"chapters\"") { problems.append("no button opens the chapter list") }
        return problems
    }
}
