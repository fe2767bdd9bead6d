import Foundation

/// Compiles and runs one lesson: the lesson program, a type-check per `compile-fail` cell, then
/// the program itself with a timeout; then checks every cell.
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
        let timedOut: Bool
    }

    /// Works in a folder of its own (two runners may share the cache), which then replaces
    /// `.lessons-cache/build/<lesson>/`, where the last run's program and output stay for inspection.
    func perform() throws -> Outcome {
        let builds = configuration.cacheDirectory.appendingPathComponent("build")
        let directory = builds.appendingPathComponent("\(lesson.name).\(getpid()).\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            let last = builds.appendingPathComponent(lesson.name)
            try? FileManager.default.removeItem(at: last)
            if (try? FileManager.default.moveItem(at: directory, to: last)) == nil {
                try? FileManager.default.removeItem(at: directory)
            }
        }
        let compiler = Compiler(swiftc: configuration.swiftc, library: configuration.library,
                                environment: configuration.environment, cancellation: cancellation)
        onEvent(.compiling(lesson))
        let main = try compiler.compile(ProgramWriter.program(for: lesson), lesson: lesson, in: directory, typecheckOnly: false)
        var compileFailures: [Int: String] = [:]
        for cell in lesson.cells where cell.has(.compileFail) && !cell.has(.skip) {
            let check = try compiler.compile(ProgramWriter.compileFailProgram(for: cell, in: lesson), lesson: lesson,
                                             in: directory, typecheckOnly: true)
            compileFailures[cell.index] = check.succeeded ? "" : errors(in: cell, check.diagnostics)
        }
        guard main.succeeded else {
            return compileFailure(main, compileFailures: compileFailures)
        }

        onEvent(.running(lesson))
        let timeout = lesson.settings.timeout ?? configuration.defaultTimeout
        let stdout = directory.appendingPathComponent("stdout.txt")
        let stderr = directory.appendingPathComponent("stderr.txt")
        let display = directory.appendingPathComponent("display.txt")
        try? FileManager.default.removeItem(at: display)
        var environment = configuration.childEnvironment
        environment[Prologue.displayFileVariable] = display.path
        let ending = try ChildProcess.run([directory.appendingPathComponent("lesson").path], environment: environment,
                                          stdout: stdout, stderr: stderr, timeout: timeout,
                                          cancellation: cancellation)
        let output = ProgramOutput(stdout: Self.read(stdout), stderr: Self.read(stderr),
                                   display: (try? Array(Data(contentsOf: display))) ?? [])
        let cells = CellChecker(lesson: lesson, ending: ending, output: output, compileFailures: compileFailures,
                                compileErrors: [:], timeout: timeout).results()
        var problems: [Problem] = []
        if !output.reachedEnd {
            let stopped = output.lastStarted.flatMap { index in cells.first { $0.index == index } }
            let line = stopped?.line ?? 1
            let what = ending == .timedOut ? "the lesson was stopped" : "the lesson crashed in the cell at line \(line)"
            problems.append(Problem(file: lesson.file, line: line,
                                    message: "\(what): \(stopped?.error ?? TrapMessage.describe(ending))"))
        }
        return Outcome(cells: cells, problems: problems, warnings: warnings(main), timedOut: ending == .timedOut)
    }

    /// Results when the lesson program does not compile: the errors, mapped to the Markdown lines,
    /// on the cells that hold them; the other cells are not reached.
    private func compileFailure(_ main: Compiler.Outcome, compileFailures: [Int: String]) -> Outcome {
        let errors = main.diagnostics.filter { $0.severity == "error" }
        var byCell: [Int: String] = [:]
        for cell in lesson.cells {
            let text = self.errors(in: cell, errors)
            if !text.isEmpty { byCell[cell.index] = text }
        }
        var problems = errors.map(\.problem)
        if problems.isEmpty {
            let tail = main.output.split(separator: "\n").suffix(20).joined(separator: "\n")
            problems.append(Problem(file: lesson.file, line: 1, message: "the lesson program did not compile:\n\(tail)"))
        }
        let cells = CellChecker(lesson: lesson, ending: nil, output: ProgramOutput(stdout: "", stderr: "", display: []),
                                compileFailures: compileFailures, compileErrors: byCell,
                                timeout: 0).results()
        return Outcome(cells: cells, problems: problems, warnings: warnings(main), timedOut: false)
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

    private static func read(_ url: URL) -> String {
        (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
