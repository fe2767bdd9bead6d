import Autograd
import Testing

/// Runs every case of the PyTorch golden file (or the file named by `AUTOGRAD_GOLDEN`) and
/// compares within the file's tolerances. A case of a kind, op or field this test does not
/// understand fails: nothing is skipped.
@Suite struct GoldenTests {
    @Test func everyGoldenCasePasses() throws {
        let location = GoldenFile.location
        let file: GoldenFile
        do {
            file = try GoldenFile(path: location)
        } catch {
            Issue.record("golden: cannot read \(location): \(error)")
            return
        }
        var passed = 0
        for (index, golden) in file.cases.enumerated() {
            let id = golden["id"]?.string ?? "case #\(index)"
            let check = GoldenCheck(file: file)
            do {
                try run(golden, check)
            } catch {
                check.problems.append("\(error)")
            }
            if check.problems.isEmpty {
                passed += 1
            } else {
                Issue.record("golden \(id) failed:\n  \(check.problems.joined(separator: "\n  "))")
            }
        }
        print("golden: \(file.cases.count) cases run, \(passed) passed (\(file.path))")
        #expect(!file.cases.isEmpty, "golden: \(file.path) has no cases")
        #expect(passed == file.cases.count)
    }

    /// Dispatches one case on its kind.
    private func run(_ golden: JSON, _ check: GoldenCheck) throws {
        let kind = try golden.field("kind").string ?? ""
        switch kind {
        case "unary", "binary", "matmul", "reduce": try GoldenOps.runElementwise(golden, check)
        case "loss": try GoldenOps.runLoss(golden, check)
        case "linear": try GoldenOps.runLinear(golden, check)
        case "model": try GoldenModelCases.runModel(golden, check)
        case "recurrent": try GoldenRecurrentCases.run(golden, check)
        case "training" where golden["op"]?.string == "rnncell_sgd": try GoldenRecurrentCases.runTraining(golden, check)
        case "training": try GoldenModelCases.runTraining(golden, check)
        case "optimizer": try GoldenOptimizerCases.run(golden, check)
        default: throw GoldenMismatch("unknown kind \"\(kind)\"")
        }
    }
}

/// The problems found in one case, and the comparisons that find them.
final class GoldenCheck {
    let file: GoldenFile
    var problems: [String] = []

    init(file: GoldenFile) { self.file = file }

    /// Fails the case if it has a field that the handler does not read.
    func expectOnlyFields(_ golden: JSON, _ known: Set<String>) {
        let unknown = (golden.object ?? [:]).keys.filter { !known.contains($0) && !["kind", "op", "id"].contains($0) }
        if !unknown.isEmpty { problems.append("unknown field(s) \(unknown.sorted()) for this kind") }
    }

    /// Whether `actual` is within `|a - b| <= absolute + relative * |b|` of `expected`.
    func isClose(_ actual: Float, _ expected: Float, relativeOnly: Double? = nil) -> Bool {
        let difference = abs(Double(actual) - Double(expected))
        if let relativeOnly { return difference <= relativeOnly * abs(Double(expected)) }
        return difference <= file.absolute + file.relative * abs(Double(expected))
    }

    /// Compares a tensor with the expected `{shape, data}` (or, for null, with "no gradient":
    /// nil or all zeros).
    func compare(_ what: String, _ actual: Tensor?, _ expected: JSON?) throws {
        guard let expected, !expected.isNull else {
            if let actual, actual.data.contains(where: { $0 != 0 }) {
                problems.append("\(what): expected no gradient (null), got non-zero values \(actual.shape)")
            }
            return
        }
        let reference = try expected.tensor(what)
        guard let actual else {
            problems.append("\(what): missing (expected shape \(reference.shape))")
            return
        }
        guard actual.shape == reference.shape else {
            problems.append("\(what): shape \(actual.shape), expected \(reference.shape)")
            return
        }
        let bad = zip(actual.data, reference.data).enumerated().filter { !isClose($0.element.0, $0.element.1) }
        if let worst = bad.max(by: { abs($0.element.0 - $0.element.1) < abs($1.element.0 - $1.element.1) }) {
            problems.append("\(what): \(bad.count) of \(reference.count) values beyond tolerance; worst at "
                                + "\(worst.offset): got \(worst.element.0), expected \(worst.element.1)")
        }
    }

    /// Compares a number.
    func compare(_ what: String, _ actual: Float, _ expected: JSON?, relativeOnly: Double? = nil) throws {
        guard let value = expected?.number else { throw GoldenMismatch("\(what): expected a number") }
        if !isClose(actual, Float(value), relativeOnly: relativeOnly) {
            problems.append("\(what): got \(actual), expected \(value)")
        }
    }

    /// Compares two values that must be equal (names, counts).
    func compareExactly<T: Equatable>(_ what: String, _ actual: T, _ expected: T) {
        if actual != expected { problems.append("\(what): got \(actual), expected \(expected)") }
    }
}
