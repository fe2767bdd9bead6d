/// Decides each cell's status from what the lesson program did, comparing output blocks with
/// what cells printed (and, for `should-fail` and `compile-fail` cells, the error they ended with).
struct CellChecker {
    let lesson: Lesson
    /// How the lesson program ended; nil when it was not run (it did not compile).
    let ending: ChildProcess.Ending?
    let output: ProgramOutput
    /// The error diagnostics of each `compile-fail` cell ("" when the cell compiled).
    let compileFailures: [Int: String]
    /// The error diagnostics of cells that broke the lesson program's compilation.
    let compileErrors: [Int: String]
    /// The timeout the program ran with, for the message.
    let timeout: Double

    func results() -> [CellResult] {
        lesson.cells.map(result)
    }

    private func result(for cell: Cell) -> CellResult {
        var result = CellResult(index: cell.index, line: cell.line, status: .notReached)
        if cell.has(.skip) {
            result.status = .skipped
        } else if cell.has(.compileFail) {
            guard let diagnostics = compileFailures[cell.index] else { return result }
            if diagnostics.isEmpty {
                result.status = .failed
                result.error = "the cell compiled, but it is marked compile-fail"
            } else {
                result.error = diagnostics
                result.actual = diagnostics + "\n"
                compare(cell, &result, passing: .compileFail)
            }
        } else if let errors = compileErrors[cell.index] {
            result.status = .failed
            result.error = errors
        } else if cell.has(.norun) {
            result.status = ending == nil ? .notReached : .compiledOnly
        } else if let ending, let printed = output.cells[cell.index] {
            result.stdout = printed.stdout
            result.richOutputs = printed.richOutputs
            result.actual = printed.stdout
            if cell.index == output.lastStarted && !output.reachedEnd {
                result.status = .failed
                result.error = ending == .timedOut
                    ? "timed out after \(Int(timeout)) s (the lesson's timeout; set it with <!-- lessons: timeout=SECONDS -->)"
                    : TrapMessage.text(stderr: printed.stderr, ending: ending, early: true)
            } else if cell.has(.shouldFail) {
                checkExpectedFailure(cell, printed, &result)
            } else {
                compare(cell, &result, passing: .passed)
            }
        }
        return result
    }

    private func checkExpectedFailure(_ cell: Cell, _ printed: ProgramOutput.CellOutput, _ result: inout CellResult) {
        guard let status = printed.childStatus else {
            result.status = .failed
            result.error = "the cell's process vanished"
            return
        }
        let childEnding = ChildProcess.Ending(waitStatus: status)
        if childEnding == .exited(0) {
            result.status = .failed
            result.error = "the cell ran to the end, but it is marked should-fail"
            return
        }
        let message = TrapMessage.text(stderr: printed.stderr, ending: childEnding)
        result.error = message
        result.actual = OutputText.normalized(printed.stdout) + message + "\n"
        compare(cell, &result, passing: .expectedFailure)
    }

    /// Sets `passing` when the cell's output block (or, without one, empty output) matches
    /// `result.actual` (with the lesson's own locations made stable), else `.failed` with a diff.
    private func compare(_ cell: Cell, _ result: inout CellResult, passing: CellStatus) {
        result.actual = OutputLocations.stable(result.actual, in: lesson)
        result.diff = OutputMatcher.diff(block: cell.output, actual: result.actual, file: lesson.file, after: cell.code)
        result.status = result.diff == nil ? passing : .failed
    }
}
