import ArgumentParser
import Foundation
import LessonKit

/// `lessons test`: the doc-test. Compiles and runs the lessons (unchanged ones come from the
/// cache), runs their PyTorch twins, checks every cell's and twin's output, prints a unified diff per
/// mismatch, and ends with the line `N Swift cells, N PyTorch twins: N passed, N failed`, exiting
/// non-zero on any failure.
struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the lessons and check every cell's output against its output block.",
        discussion: """
        A ```swift fence is a cell; an ```output fence right after it holds its expected standard \
        output (compared after normalizing line endings and trailing whitespace; a line `...` \
        matches any number of lines, `...` inside a line any text). A cell without an output block \
        must print nothing. The lesson's own locations in checked output read <cell N, line M> \
        (see Lessons/README.md). Attributes after `swift`: hidden, norun, skip, should-fail, compile-fail. \
        A ```python pytorch fence after a cell is its PyTorch twin: a lesson's twins run in order in one \
        Python process (--python, else $LESSONS_PYTHON, else python3; --no-twins skips them) and an \
        ```output fence after a twin is checked the same way; twin attributes: hidden, norun, skip, \
        should-fail (its output block ends with the exception line). \
        A lesson may set its timeout (default 120 s) with <!-- lessons: timeout=SECONDS -->. \
        Results are cached in .lessons-cache/ and reused while the lesson, the library, the \
        toolchain and the runner are unchanged.
        """)

    @OptionGroup var options: LessonOptions

    /// Lessons to test, by number, name, slug part or path (default: all).
    @Argument(help: ArgumentHelp("Lessons to test, \(LessonOptions.lessonHelp). Default: all."))
    var lessons: [String] = []

    /// Lessons compiled and run at once.
    @Option(name: .customShort("j"), help: ArgumentHelp("Lessons compiled and run at once (default: the number of cores).", valueName: "N"))
    var jobs: Int?

    /// Ignore cached results: compile and run every selected lesson.
    @Flag(help: "Ignore cached results: compile and run every selected lesson.")
    var force = false

    /// Write actual outputs into mismatched output blocks (adding blocks where missing).
    @Flag(help: "Rewrite mismatched output blocks with the actual output, keeping `...` lines that still match; nothing else in the file changes, and a rewrite that would change anything else is refused.")
    var accept = false

    func run() throws {
        let configuration = options.configuration(jobs: jobs, force: force)
        let runner = LessonRunner(configuration)
        // Torch is imported while the lessons are planned (all of them: a selection is known only after).
        if lessons.isEmpty { runner.startEarly(lessonsIn: configuration.lessonsDirectory) }
        let planned = try options.plan(configuration, selection: lessons)
        try options.requireLibrary(for: planned, configuration)
        let reporter = Reporter(lessons: planned)
        reporter.planWarnings(options.planWarnings(configuration, planned))
        var results = try runner.runAll(planned) { reporter.progress($0) }
        if accept {
            results = try acceptOutputs(results, runner: runner, reporter: reporter)
        }
        results = checkPages(results, configuration)
        var passed = 0, failed = 0
        for result in results {
            reporter.report(result)
            passed += result.passedCount
            failed += result.failedCount
        }
        let problems = results.reduce(0) { $0 + $1.problems.count }
        reporter.hint(results)
        let cells = results.reduce(0) { $0 + $1.lesson.cells.count }
        let twins = results.reduce(0) { $0 + $1.lesson.twins.count }
        let twinsRan = configuration.python != nil
        print("\(cells) Swift cell\(cells == 1 ? "" : "s"), \(twins) PyTorch twin\(twins == 1 ? "" : "s")"
            + (twinsRan ? "" : " (not run: --no-twins)") + ": \(passed) passed, \(failed) failed"
            // A lesson error (a crash after the last cell, a plan error) fails the run even when every cell passed.
            + (problems > 0 ? ", \(problems) error\(problems == 1 ? "" : "s")" : ""))
        if failed > 0 || problems > 0 { throw ExitCode.failure }
    }

    /// Adds to each lesson that ran cleanly the problems its page would have in `lessons build`.
    /// Lessons taken from the cache passed this check when they ran (building pages takes most of a
    /// fully cached run); `lessons build --check`, part of `make test`, checks every page again.
    private func checkPages(_ results: [LessonResult], _ configuration: RunnerConfiguration) -> [LessonResult] {
        let clean = results.indices.filter { results[$0].succeeded && !results[$0].fromCache }
        guard !clean.isEmpty else { return results }
        let graphviz = Graphviz()
        let memo = RenderMemo.forPackage(root: configuration.packageRoot,
                                         cacheDirectory: configuration.cacheDirectory, graphviz: graphviz)
        var results = results
        for problem in PageCheck.problems(clean.map { results[$0] }, graphviz: graphviz, memo: memo) {
            if let index = clean.first(where: { results[$0].lesson.file == problem.file }) {
                results[index].problems.append(problem)
            }
        }
        try? memo.save()
        return results
    }

    /// Writes actual outputs into the lessons and runs the changed lessons again, so the summary
    /// describes the files as they now are. Repeats (at most three times) while outputs still
    /// change, as they do when a lesson prints its own line numbers and accepting moved them.
    private func acceptOutputs(_ results: [LessonResult], runner: LessonRunner, reporter: Reporter) throws -> [LessonResult] {
        var results = results
        for _ in 1...3 {
            var changed: [Int] = []
            for (index, result) in results.enumerated() {
                guard let change = OutputAccepter.accept(result) else { continue }
                reporter.accepted(result.lesson, change)
                guard change.text != result.lesson.text else { continue }
                try OutputAccepter.write(change.text, to: URL(fileURLWithPath: result.lesson.absolutePath),
                                         replacing: result.lesson.text)
                changed.append(index)
            }
            if changed.isEmpty { break }
            let replanned = changed.map { index in
                let lesson = results[index].lesson
                return LessonPlanner.plan(file: lesson.file, url: URL(fileURLWithPath: lesson.absolutePath))
            }
            for (index, result) in zip(changed, try runner.runAll(replanned) { reporter.progress($0) }) {
                results[index] = result
            }
        }
        return results
    }
}
