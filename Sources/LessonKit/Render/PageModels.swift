/// The values the Mustache templates render. Strings named `…HTML` are already HTML and go through
/// `{{{triple}}}` tags; every other string is escaped by the template.

/// What every page's layout needs.
struct LayoutFields {
    /// The `<title>`.
    var pageTitle: String
    /// The site name in the top bar.
    var siteName: String
    /// Every lesson, for the chapter list beside every page.
    var chapters: [ChapterLink]
    /// The API reference's landing page, when the site has one.
    var apiHref: String?
}

/// One lesson in the chapter list; `current` marks the page it is shown on (`aria-current`).
struct ChapterLink {
    var number: String
    var title: String
    var href: String
    var current: Bool
}

/// `index.html`: the curriculum.
struct IndexPage {
    var layout: LayoutFields
    var lessons: [IndexEntry]
}

/// One lesson on the index page.
struct IndexEntry {
    var number: String
    var title: String
    var href: String
    var summaryHTML: String?
    var cellCount: Int
    var cellLabel: String
    var failed: Bool
}

/// One lesson's page.
struct LessonPage {
    var layout: LayoutFields
    var number: String
    var title: String
    var toc: [TOCEntry]
    var hasTOC: Bool
    var blocks: [BlockView]
    var problems: [String]
    var hasProblems: Bool
    var previous: NavLink?
    var next: NavLink?
}

/// A table-of-contents line.
struct TOCEntry {
    var id: String
    var text: String
    var level: Int
}

/// A link to a neighbouring lesson.
struct NavLink {
    var href: String
    var title: String
    var number: String
}

/// One piece of a lesson page: exactly one of the fields is set.
struct BlockView {
    var proseHTML: String?
    var cell: CellView?
    /// An `output` / `python pytorch` fence with no Swift cell before it, shown as plain text.
    var stray: String?

    init(proseHTML: String? = nil, cell: CellView? = nil, stray: String? = nil) {
        self.proseHTML = proseHTML
        self.cell = cell
        self.stray = stray
    }
}

/// A shown Swift cell with its twin, output, pictures and error box.
struct CellView {
    var anchor: String
    var status: String
    var line: Int
    /// False for a hidden cell shown only because it failed.
    var showsCode: Bool
    var codeHTML: String
    var twinHTML: String?
    var hasTwin: Bool
    /// What the shown twin printed (and, for a `should-fail` twin, raised), as checked; nil when it
    /// printed nothing or did not run.
    var twinOutput: String?
    /// The label over the twin's output: whether it was checked, and with which PyTorch.
    var twinLabel: String?
    /// `failure` when the twin failed (its output box then shows the error), else nil.
    var twinFailure: String?
    var badge: String?
    var stdout: String?
    var figures: [FigureView]
    var errorBox: ErrorBox?
}

/// A picture under a cell: inline SVG and its text alternative (the figure is `role="img"`).
struct FigureView {
    var svgHTML: String
    var description: String
}

/// The box under a cell that shows an error: expected (should-fail, compile-fail) or a failure.
struct ErrorBox {
    /// `expected` or `failure` (the CSS class).
    var kind: String
    var label: String
    var text: String?
    var diff: String?

    init(kind: String, label: String, text: String?, diff: String? = nil) {
        self.kind = kind
        self.label = label
        self.text = text
        self.diff = diff
    }
}
