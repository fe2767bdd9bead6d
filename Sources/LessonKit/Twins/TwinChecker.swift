/// Decides each twin's status from the driver's records and what the twin printed: its output
/// block must match (a `should-fail` twin's block ends with the exception line it raised).
struct TwinChecker {
    let lesson: Lesson
    /// How the Python process ended.
    let ending: ChildProcess.Ending
    let timeout: Double
    let records: TwinRecords
    /// What the driver itself printed outside any twin (an import error, for one).
    let driverLog: String
    /// What twin `index` printed (stdout and stderr, interleaved as on a terminal).
    let printed: (Int) -> String

    func result(for twin: Twin) -> CellResult {
        var result = CellResult(index: twin.index, line: twin.line, status: .notReached)
        if twin.has(.skip) {
            result.status = .skipped
            return result
        }
        guard records.started.contains(twin.index) else {
            if records.started.isEmpty {
                let log = OutputText.lines(driverLog).suffix(5).joined(separator: "\n")
                result.error = "the Python driver stopped before the first twin: \(log.isEmpty ? TrapMessage.describe(ending) : log)"
            }
            return result
        }
        let printed = printed(twin.index)
        result.stdout = printed
        result.actual = printed
        guard let end = records.ends[twin.index] else {
            result.status = .failed
            result.error = ending == .timedOut
                ? "timed out after \(Int(timeout)) s (the lesson's timeout; set it with <!-- lessons: timeout=SECONDS -->)"
                : "the Python process died in this twin: \(TrapMessage.describe(ending))"
            return result
        }
        if end.raised {
            let exception = end.exception ?? ""
            if twin.has(.shouldFail) {
                result.error = OutputText.normalized(exception).trimmingSuffix("\n")
                result.actual = OutputText.normalized(printed) + exception
                compare(twin, &result, passing: .expectedFailure)
            } else {
                result.status = .failed
                result.errorLine = end.line
                result.error = "Traceback (most recent call last):\n" + (end.traceback ?? "") + exception
            }
        } else if twin.has(.norun) {
            result.status = .compiledOnly
        } else if twin.has(.shouldFail) {
            result.status = .failed
            result.error = "the twin ran to the end, but it is marked should-fail"
        } else {
            compare(twin, &result, passing: .passed)
        }
        return result
    }

    private func compare(_ twin: Twin, _ result: inout CellResult, passing: CellStatus) {
        // Compared (and accepted) with the lesson's own locations made stable; the tab shows them as printed.
        result.diff = OutputMatcher.diff(block: twin.output, actual: OutputLocations.stable(result.actual, in: lesson),
                                         file: lesson.file, after: twin.code)
        result.status = result.diff == nil ? passing : .failed
    }
}
