/// Hands out stable, unique anchor ids for the headings of one page.
///
/// An id is the heading's text lowercased, letters and digits kept, runs of anything else turned into
/// one `-`; a repeated id gets `-2`, `-3`, … in page order, so the same page always gets the same ids.
public struct Slugs {
    private var used: [String: Int] = [:]

    /// A registry with no ids handed out yet.
    public init() {}

    /// The id for a heading with plain text `text`, unique on this page.
    public mutating func id(for text: String) -> String {
        let base = Slugs.slug(text)
        let seen = used[base, default: 0]
        used[base] = seen + 1
        return seen == 0 ? base : "\(base)-\(seen + 1)"
    }

    /// `text` as a lowercase ASCII-safe slug; `section` when nothing usable is left.
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber {
                if pendingDash && !out.isEmpty { out += "-" }
                pendingDash = false
                out.append(ch)
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "section" : out
    }
}
