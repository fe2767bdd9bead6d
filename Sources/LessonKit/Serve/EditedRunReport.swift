import Foundation

/// What the page receives after an edited run: the new look of the edited cell and of every later
/// cell (rendered with the site's own cell template), which cells' outputs now differ from what the
/// lesson expects, and the lesson-level errors (compile errors, crashes at Markdown lines).
struct EditedRunReport: Codable, Sendable {
    /// `finished`, or `superseded` when a newer edit cancelled this run.
    var status: String
    /// Seconds the compile and run took.
    var seconds: Double
    /// `file:line:column: error: …` lines; lines are those of the edited lesson, whose cells up to
    /// and including the edited one sit where they are in the file.
    var problems: [String]
    /// The edited cell and the cells after it, in order.
    var cells: [CellReport]

    /// One cell's new look.
    struct CellReport: Codable, Sendable {
        /// The cell's index among the lesson's Swift cells.
        var index: Int
        /// `passed`, `failed`, `not-reached`, … (`CellStatus`).
        var status: String
        /// Whether the output no longer matches the lesson's output block.
        var differs: Bool
        /// The cell's `<section>` as the site renders it ("" for a hidden cell that passed).
        var html: String
    }

    static let superseded = EditedRunReport(status: "superseded", seconds: 0, problems: [], cells: [])

    /// The report for `result`, the run of a lesson whose cell `editedIndex` was replaced.
    init(result: LessonResult, editedIndex: Int, resources: SiteResources, builder: LessonPageBuilder) throws {
        status = "finished"
        seconds = result.seconds
        problems = result.problems.map(\.description)
        cells = []
        for cell in result.lesson.cells where cell.index >= editedIndex {
            let cellResult = result.cells.first { $0.index == cell.index }
                ?? CellResult(index: cell.index, line: cell.line, status: .notReached)
            var html = ""
            if var view = try builder.cellView(cell, cellResult, lesson: result.lesson) {
                if cellResult.diff != nil, var box = view.errorBox {
                    box.kind = "expected differs"
                    box.label = "The output differs from the lesson's expected output"
                    view.errorBox = box
                }
                html = try resources.render(view, template: "cell")
            }
            cells.append(CellReport(index: cell.index, status: cellResult.status.rawValue,
                                    differs: cellResult.diff != nil, html: html))
        }
    }

    private init(status: String, seconds: Double, problems: [String], cells: [CellReport]) {
        self.status = status
        self.seconds = seconds
        self.problems = problems
        self.cells = cells
    }
}
