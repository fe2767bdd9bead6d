import Foundation
import LessonKit

/// Prints `lessons test` progress and failures: `file:line: error: …` lines, unified diffs, and
/// GitHub Actions `::error file=…,line=…::` annotations when running there.
final class Reporter: @unchecked Sendable {
    let githubActions: Bool
    private let lock = NSLock()

    init(githubActions: Bool = ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] != nil) {
        self.githubActions = githubActions
    }

    /// One line per lesson as it is compiled, run and finished.
    func progress(_ event: RunEvent) {
        let line: String
        switch event {
        case .compiling(let lesson): line = "compiling \(lesson.file)"
        case .running(let lesson): line = "running   \(lesson.file)"
        case .finished(let result):
            let how = result.fromCache ? "cached" : String(format: "%.1f s", result.seconds)
            let mark = result.succeeded ? "ok  " : "FAIL"
            line = "\(mark)      \(result.lesson.file)  \(result.passedCount) passed, \(result.failedCount) failed (\(how))"
        }
        lock.lock(); defer { lock.unlock() }
        print(line)
        fflush(stdout)
    }

    /// The lesson's problems and failed cells, with diffs.
    func report(_ result: LessonResult) {
        let file = result.lesson.file
        for warning in result.warnings { annotate("warning", warning) }
        for problem in result.problems { annotate("error", problem) }
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
            if let diff = cell.diff { print(diff, terminator: "") }
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
            if let diff = twin.diff { print(diff, terminator: "") }
        }
    }

    func accepted(_ lesson: Lesson, cellLines: [Int], problems: [Problem]) {
        if !cellLines.isEmpty {
            print("accepted the output of \(cellLines.count) cell\(cellLines.count == 1 ? "" : "s") in \(lesson.file) (lines \(cellLines.map(String.init).joined(separator: ", ")))")
        }
        for problem in problems { annotate("error", problem) }
    }

    /// `file:line:column: severity: message`, and on GitHub Actions the matching `::severity` command.
    private func annotate(_ severity: String, _ problem: Problem) {
        let column = problem.column
        print("\(problem.file):\(problem.line):\(column.map { "\($0):" } ?? "") \(severity): \(problem.message)")
        if githubActions {
            print("::\(severity) file=\(problem.file),line=\(problem.line)\(column.map { ",col=\($0)" } ?? "")::\(escape(problem.message))")
        }
    }

    /// A message as a GitHub Actions workflow command wants it: %, CR and LF escaped.
    private func escape(_ message: String) -> String {
        message.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }
}
