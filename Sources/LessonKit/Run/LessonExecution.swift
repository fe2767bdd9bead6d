import Foundation

/// Compiles and runs one lesson: the lesson program, a type-check per `compile-fail` cell, then
/// the program itself with a timeout and an output limit; then checks every cell.
struct LessonExecution {
    let lesson: Lesson
    let configuration: RunnerConfiguration
    let onEvent: (RunEvent) -> Void
    /// Stops the compiler or the lesson program when flipped; nil for runs nobody cancels.
    var cancellation: RunCancellation? = nil

    struct Outcome {
        let cells: [CellResult]
        let problems: [Problem]
        let warnings: [Problem]
        /// Whether the results are the lesson's own doing and may be cached: false after a timeout
        /// or when the compiler or the program was killed from outside (SIGKILL, the OOM killer).
        let isEarned: Bool
    }

    /// Works in a ``RunFolder`` of its own, which then becomes `.lessons-cache/build/<lesson>/`,
    /// where the last run's program and output stay for inspection.
    func perform() throws -> Outcome {
        try RunFolder.use(lesson.name, in: configuration.cacheDirectory) { try perform(in: $0) }
    }

    private func perform(in directory: URL) throws -> Outcome {
        let compiler = Compiler(swiftc: configuration.swiftc, library: configuration.library,
                                environment: configuration.environment, cancellation: cancellation)
        onEvent(.compiling(lesson))
        let main = try compiler.compile(ProgramWriter.program(for: lesson), lesson: lesson, in: directory, typecheckOnly: false)
        var compileFailures: [Int: String] = [:]
        var compilerKilled = main.wasKilled
        for cell in lesson.cells where cell.has(.compileFail) && !cell.has(.skip) {
            let check = try compiler.compile(ProgramWriter.compileFailProgram(for: cell, in: lesson), lesson: lesson,
                                             in: directory, typecheckOnly: true)
            compileFailures[cell.index] = check.succeeded ? "" : errors(in: cell, check.diagnostics)
            compilerKilled = compilerKilled || check.wasKilled
        }
        guard main.succeeded else {
            return compileFailure(main, compileFailures: compileFailures, compilerKilled: compilerKilled)
        }

        onEvent(.running(lesson))
        let timeout = lesson.settings.timeout ?? configuration.defaultTimeout
        let run = try ProgramRun(directory: directory, configuration: configuration, timeout: timeout,
                                 cancellation: cancellation)
        let output = run.output
        var cells = CellChecker(lesson: lesson, ending: run.ending, output: output, compileFailures: compileFailures,
                                compileErrors: [:], timeout: timeout).results()
        var problems: [Problem] = []
        if let overflow = run.overflowingStream {
            let cell = run.overflowingCell.flatMap { index in cells.firstIndex { $0.index == index } }
            let line = cell.map { cells[$0].line } ?? 1
            let message = "the cell printed more than \(configuration.outputLimit) bytes to \(overflow) "
                + "(the output limit; raise it with --output-limit BYTES)"
            if let cell {
                // What it printed was cut at the limit: no diff of it, nothing for --accept to take.
                cells[cell].status = .failed
                cells[cell].error = message
                cells[cell].diff = nil
                cells[cell].actual = cells[cell].stdout
            }
            problems.append(Problem(file: lesson.file, line: line, message: "the cell at line \(line): \(message)"))
        } else if !output.reachedEnd {
            let stopped = output.lastStarted.flatMap { index in cells.first { $0.index == index } }
            var line = stopped?.line ?? 1
            if run.ending != .timedOut, !run.ending.isFromOutside, case .signaled = run.ending,
               let crash = try CrashLocation.find(rerunning: directory, lesson: lesson, configuration: configuration,
                                                  timeout: timeout) {
                line = crash
            }
            let cellLine = stopped?.line ?? 1
            let what = run.ending == .timedOut ? "the lesson was stopped"
                : line == cellLine ? "the lesson crashed in the cell at line \(cellLine)"
                : "the lesson crashed at line \(line), in the cell at line \(cellLine)"
            problems.append(Problem(file: lesson.file, line: line,
                                    message: "\(what): \(stopped?.error ?? TrapMessage.describe(run.ending, early: true))"))
        } else if run.ending != .exited(0) {
            let line = lesson.cells.last { !$0.has(.skip) && !$0.has(.compileFail) }?.line ?? 1
            problems.append(Problem(file: lesson.file, line: line,
                                    message: "the lesson program ran every cell, then \(TrapMessage.describe(run.ending))"))
        }
        let childKilled = output.cells.values.contains { $0.childStatus.map { ChildProcess.Ending(waitStatus: $0).isFromOutside } ?? false }
        let isEarned = run.ending != .timedOut && !run.ending.isFromOutside && !childKilled && !compilerKilled
        return Outcome(cells: cells, problems: problems, warnings: warnings(main), isEarned: isEarned)
    }

    /// Results when the lesson program does not compile: the errors, mapped to the Markdown lines,
    /// on the cells that hold them; the other cells are not reached.
    private func compileFailure(_ main: Compiler.Outcome, compileFailures: [Int: String], compilerKilled: Bool) -> Outcome {
        let errors = main.diagnostics.filter { $0.severity == "error" }
        var byCell: [Int: String] = [:]
        for cell in lesson.cells {
            let text = self.errors(in: cell, errors)
            if !text.isEmpty { byCell[cell.index] = text }
        }
        var problems = errors.map(\.problem)
        if problems.isEmpty {
            let tail = main.output.split(separator: "\n").suffix(20).joined(separator: "\n")
            let why = main.wasKilled ? "the compiler was killed (not the lesson's fault; run again)" : "the lesson program did not compile"
            problems.append(Problem(file: lesson.file, line: 1, message: "\(why):\n\(tail)"))
        }
        let cells = CellChecker(lesson: lesson, ending: nil, output: .empty,
                                compileFailures: compileFailures, compileErrors: byCell,
                                timeout: 0).results()
        return Outcome(cells: cells, problems: problems, warnings: warnings(main), isEarned: !compilerKilled)
    }

    /// The warnings swiftc gave for the lesson's own lines (not for the generated glue).
    private func warnings(_ main: Compiler.Outcome) -> [Problem] {
        main.diagnostics.filter { $0.severity == "warning" && $0.file == lesson.file }.map(\.problem)
    }

    /// The errors located in `cell`'s code, one `error: message` line each.
    private func errors(in cell: Cell, _ diagnostics: [Diagnostic]) -> String {
        diagnostics.filter { $0.severity == "error" && $0.file == lesson.file && (cell.line...cell.code.endLine).contains($0.line) }
            .map { "error: \($0.message)" }.joined(separator: "\n")
    }
}
