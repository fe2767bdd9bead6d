import Autograd

/// How close two executions must agree: `|a − b| ≤ absolute · max(1, m) + relative · max(|a|, |b|)`
/// elementwise, where `m` is the largest magnitude in the reference tensor; non-finite values must
/// match exactly (NaN with NaN, inf with inf of the same sign). Only float32 reassociation (a
/// gradient summed in another order, a product by BLAS) separates the executions.
struct Tolerance {
    let relative: Float
    let absolute: Float

    /// Forward values and gradients.
    static let forward = Tolerance(relative: 1e-5, absolute: 1e-6)
    /// Fetched values and parameters after up to three SGD steps (rounding differences grow a little).
    static let training = Tolerance(relative: 1e-4, absolute: 1e-5)
    /// Training is compared only while the eager gradients stay below this magnitude: beyond it a
    /// step moves parameters so far that float32 rounding differences become O(1) within a step
    /// or two (seed 69078: `-1.5 / softmax(p)` with gradients above 1e5). Later steps and the
    /// trained parameters are then not compared; forward values and gradients always are.
    static let wellConditionedGradient: Float = 1e3

    /// The first element where `got` differs from `expected` beyond the tolerance, in words.
    func difference(_ got: [Float], _ expected: [Float]) -> String? {
        guard got.count == expected.count else { return "\(got.count) elements, expected \(expected.count)" }
        let scale = max(1, expected.lazy.filter(\.isFinite).map(Swift.abs).max() ?? 1)
        for (i, (a, b)) in zip(got, expected).enumerated() {
            let same = a.isNaN ? b.isNaN : (a.isInfinite || b.isInfinite ? a == b
                       : Swift.abs(a - b) <= absolute * scale + relative * max(Swift.abs(a), Swift.abs(b)))
            if !same { return "element \(i) is \(a), expected \(b)" }
        }
        return nil
    }
}

/// A program on which a graph execution disagrees with the eager reference.
struct ProgramFailure: Error, CustomStringConvertible {
    let passes: [CompilePass]
    let problem: String
    var description: String { "passes [\(passes.map { "." + String(describing: $0) }.joined(separator: ", "))]: \(problem)" }
}

enum ProgramCheck {
    /// Every subset of the compile passes, from none (the graph as built) to all.
    static let passSubsets: [[CompilePass]] = (0..<(1 << CompilePass.allCases.count)).map { mask in
        CompilePass.allCases.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)
    }

    /// The first disagreement between the eager run and the graph runs under `subsets`, or nil.
    static func failure(of program: RandomProgram, subsets: [[CompilePass]] = passSubsets) -> ProgramFailure? {
        let reference = EagerRun.run(program)
        if let problem = TraceRun.problem(program) { return ProgramFailure(passes: [], problem: "trace: " + problem) }
        for passes in subsets {
            do {
                let outcome = try GraphRun(passes: passes).run(program)
                if let problem = difference(outcome, reference, program) { return ProgramFailure(passes: passes, problem: problem) }
            } catch {
                return ProgramFailure(passes: passes, problem: "the graph threw: \(error)")
            }
        }
        return nil
    }

    /// Where `got` differs from the eager `expected`, in words.
    static func difference(_ got: ProgramOutcome, _ expected: ProgramOutcome, _ program: RandomProgram) -> String? {
        let names = program.fetches.map { "v\($0)" } + ["loss v\(program.loss)"]
        for (i, name) in names.enumerated() {
            if let d = Tolerance.forward.difference(got.forward[i], expected.forward[i]) { return "forward \(name): \(d)" }
        }
        for (i, id) in program.parameterIDs.enumerated() {
            let zeros = [Float](repeating: 0, count: program.body.first { $0.id == id }!.shape.reduce(1, *))
            if let d = Tolerance.forward.difference(got.gradients[i] ?? zeros, expected.gradients[i] ?? zeros) {
                return "gradient of p\(id): \(d)"
            }
        }
        // Steps up to the first with an ill-conditioned update (whose fetched values precede it).
        let conditioned = expected.stepGradients.prefix { $0 <= Tolerance.wellConditionedGradient }.count
        for (step, (a, b)) in zip(got.steps, expected.steps).enumerated() where step <= conditioned {
            for (i, name) in names.enumerated() {
                if let d = Tolerance.training.difference(a[i], b[i]) { return "training step \(step + 1), \(name): \(d)" }
            }
        }
        for (i, id) in program.parameterIDs.enumerated() where i < expected.trained.count && conditioned == expected.steps.count {
            if let d = Tolerance.training.difference(got.trained[i], expected.trained[i]) { return "p\(id) after training: \(d)" }
        }
        return nil
    }
}
