import ArgumentParser
import LessonKit

/// `lessons list`: the lessons in order, with cell counts and their last result.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the lessons with their cell counts and last result.")

    @OptionGroup var options: LessonOptions

    func run() throws {
        let configuration = options.configuration()
        let planned = try options.plan(configuration)
        Reporter(lessons: planned).planWarnings(options.planWarnings(configuration, planned))
        let lastRuns = try LessonRunner(configuration).lastRuns(of: planned.map(\.lesson))
        for (lesson, lastRun) in zip(planned, lastRuns) {
            let cells = lesson.lesson.cells.count
            let title = lesson.lesson.title.isEmpty ? lesson.lesson.name : lesson.lesson.title
            var last = "never run"
            if !lesson.problems.isEmpty {
                last = "\(lesson.problems.count) error\(lesson.problems.count == 1 ? "" : "s")"
            } else if let lastRun {
                let passed = lastRun.cells.filter(\.status.isSuccess).count
                last = "\(passed) passed, \(lastRun.cells.count - passed) failed" + (lastRun.isCurrent ? "" : " (changed since)")
            }
            print("\(lesson.lesson.file)  \(title)  \(cells) cell\(cells == 1 ? "" : "s")  \(last)")
            for problem in lesson.problems { print("  \(problem)") }
        }
    }
}
