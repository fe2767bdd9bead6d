import Foundation
import LessonKit

/// Prints `lessons test`/`build` progress and failures: `file:line:col: error: …` lines with the
/// compiler's source line, caret, fix-its and notes, `...`-aware diffs, a hint of what to do next,
/// and GitHub Actions `::error file=…,line=…::` annotations when running there. Colour only on a
/// terminal (see `TerminalStyle`).
final class Reporter: @unchecked Sendable {
    let githubActions: Bool
    let style: TerminalStyle
    private let lock = NSLock()
    /// The lessons in the order their results are printed, and how many have been printed.
    private let order: [String]
    private var finished: [String: LessonResult] = [:]
    private var printed = 0

    init(lessons: [PlannedLesson], githubActions: Bool = ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] != nil,
         style: TerminalStyle = .forStandardOutput()) {
        self.githubActions = githubActions
        self.style = style
        order = lessons.map(\.lesson.file)
    }

    /// One line per finished lesson, in lesson order whatever order they finish in; on a terminal,
    /// a status line while lessons compile and run.
    func progress(_ event: RunEvent) {
        lock.lock(); defer { lock.unlock() }
        switch event {
        case .compiling(let lesson): status("compiling \(lesson.file)")
        case .running(let lesson): status("running   \(lesson.file)")
        case .finished(let result):
            // A lesson run again (after --accept) is reported at once; the first runs in lesson order.
            if order[..<printed].contains(result.lesson.file) {
                finishedLine(result)
                break
            }
            finished[result.lesson.file] = result
            while printed < order.count, let next = finished[order[printed]] {
                finishedLine(next)
                printed += 1
            }
        }
        fflush(stdout)
    }

    /// `ok`/`FAIL`, the lesson, its counts and how long it took (or that it came from the cache).
    private func finishedLine(_ result: LessonResult) {
        status("")
        let how = result.fromCache ? "cached" : String(format: "%.1f s", result.seconds)
        let mark = result.succeeded ? style.green("ok  ") : style.red("FAIL")
        print("\(mark)  \(result.lesson.file)  \(result.passedCount) passed, \(result.failedCount) failed (\(how))")
    }

    /// Replaces the terminal's status line (nothing when not on a terminal).
    private func status(_ text: String) {
        guard style.enabled else { return }
        print("\r\u{1B}[K" + style.dim(text), terminator: "")
    }

    /// The lesson's warnings, problems and failed cells, with diffs.
    func report(_ result: LessonResult) {
        diagnostics(result)
        let file = result.lesson.file
        for cell in result.cells where !cell.status.isSuccess {
            // A crash, timeout or compile error is already reported as a problem of the lesson.
            guard cell.diff != nil || result.problems.isEmpty else { continue }
            let reason: String
            switch (cell.status, cell.diff, cell.error) {
            case (.notReached, _, _): reason = "the cell did not run"
            case (_, .some, _): reason = "the output does not match the output block"
            case (_, nil, let error?): reason = error
            default: reason = "the cell failed"
            }
            annotate("error", Problem(file: file, line: cell.line, message: "cell failed: " + reason))
            if let diff = cell.diff { print(style.diff(diff), terminator: "") }
        }
        reportTwins(result)
    }

    /// Failed PyTorch twins, each at the line that raised (or its fence); twins left unrun by an
    /// earlier failure are mentioned only when they carry the reason.
    private func reportTwins(_ result: LessonResult) {
        for twin in result.twins where !twin.status.isSuccess {
            if twin.status == .notReached && twin.error == nil { continue }
            let reason = twin.diff != nil ? "the output does not match the output block" : twin.error ?? "the twin did not run"
            annotate("error", Problem(file: result.lesson.file, line: twin.errorLine ?? twin.line,
                                      message: "PyTorch twin failed: " + reason))
            if let diff = twin.diff { print(style.diff(diff), terminator: "") }
        }
    }

    /// The lesson's warnings and problems (compiler diagnostics, crashes, plan errors).
    func diagnostics(_ result: LessonResult) {
        for warning in result.warnings { annotate("warning", warning) }
        for problem in result.problems { annotate("error", problem) }
    }

    /// Warnings found while planning (near-miss fences, files that are not lessons).
    func planWarnings(_ warnings: [Problem]) {
        for warning in warnings { annotate("warning", warning) }
    }

    /// What to do next after failures: accept mismatched outputs, or look at the generated program.
    func hint(_ results: [LessonResult]) {
        let mismatched = results.filter { ($0.cells + $0.twins).contains { $0.diff != nil } }.map(\.lesson)
        let broken = results.filter { !$0.problems.isEmpty }.map(\.lesson)
        if !mismatched.isEmpty {
            let names = mismatched.map { $0.number >= 0 ? "\($0.number)" : $0.name }.joined(separator: " ")
            print(style.yellow("hint: if the new output is right, write it into the output blocks with "
                + "`lessons test \(names) --accept` (then read the change with git diff)"))
        }
        if let lesson = broken.first, lesson.number >= 0 {
            print(style.yellow("hint: `lessons show \(lesson.number)` prints the program the cells make, "
                + "`lessons run \(lesson.number)` each cell's output"))
        }
    }

    func accepted(_ lesson: Lesson, _ change: OutputAccepter.Change) {
        if !change.cellLines.isEmpty {
            let count = change.cellLines.count
            print("accepted the output of \(count) cell\(count == 1 ? "" : "s") in \(lesson.file) "
                + "(line\(count == 1 ? "" : "s") \(change.cellLines.map(String.init).joined(separator: ", ")))")
        }
        for note in change.notes { annotate("note", note) }
        for problem in change.problems { annotate("error", problem) }
    }

    /// `file:line:column: severity: message` with the detail lines under it, and on GitHub Actions
    /// the matching `::severity` command (notes have none).
    private func annotate(_ severity: String, _ problem: Problem) {
        let colour: (String) -> String = severity == "error" ? style.red : severity == "warning" ? style.yellow : style.cyan
        let column = problem.column.map { "\($0):" } ?? ""
        print(style.bold("\(problem.file):\(problem.line):\(column)") + " " + colour("\(severity):") + " " + problem.message)
        if let detail = problem.detail { print(detail) }
        if githubActions && severity != "note" {
            print("::\(severity) file=\(problem.file),line=\(problem.line)\(problem.column.map { ",col=\($0)" } ?? "")::\(escape(problem.message))")
        }
    }

    /// A message as a GitHub Actions workflow command wants it: %, CR and LF escaped.
    private func escape(_ message: String) -> String {
        message.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }
}
