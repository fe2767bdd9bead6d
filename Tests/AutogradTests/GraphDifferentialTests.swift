import Autograd
import Foundation
@testable import GraphDifferential
import Testing

/// Differential testing of static graphs (the `GraphDifferential` target): random programs over the
/// graph vocabulary run on the eager tape, traced, as a graph compiled with no pass, and compiled
/// under every subset of the compile passes; forward values, gradients and parameters after
/// training must agree (``Tolerance``). A failure is shrunk and printed as a test to paste.
///
/// `GRAPH_FUZZ_PROGRAMS` sets how many programs (default 200, in four parallel shares),
/// `GRAPH_FUZZ_SEED` the first seed (default 1). `make fuzz-graphs` runs the long campaign.
@Suite struct GraphDifferentialTests {
    static let shares: [Int] = [0, 1, 2, 3]

    @Test(arguments: shares) func compiledGraphsComputeWhatEagerComputes(share: Int) {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["GRAPH_FUZZ_PROGRAMS"].flatMap { UInt64($0) } ?? 200
        let first = environment["GRAPH_FUZZ_SEED"].flatMap { UInt64($0) } ?? 1
        let size = (count + UInt64(Self.shares.count) - 1) / UInt64(Self.shares.count)
        let from = first + UInt64(share) * size
        let end = first + count
        let result = Campaign.run(count: from < end ? min(size, end - from) : 0, first: from)
        if let failure = result.failure { Issue.record(Comment(rawValue: failure)) }
        print("graph differential share \(share): \(result.programs) programs from seed \(from), "
              + "\(result.statements) statements, all \(ProgramCheck.passSubsets.count) pass subsets: "
              + (result.failure == nil ? "all agree" : "FAILED") + " (\(String(format: "%.1f", result.seconds)) s)")
    }

    /// The generator reaches the whole vocabulary, ties, conds, every way of reading a predicate,
    /// training and values built after the update within the default run's seeds.
    @Test func generatorCoversTheVocabulary() {
        var seen = Set<String>()
        for seed in UInt64(1)...200 {
            var generator = ProgramGenerator(seed: seed)
            let program = generator.program()
            for s in program.allStatements {
                switch s.instruction {
                case .op(let op, _): seen.insert(String(describing: op).prefix { $0 != "(" }.description)
                case .cond: seen.insert("cond read by \(PredicateRead(cond: s.id))")
                case .tie: seen.insert("tie")
                default: break
                }
            }
            if program.training != nil { seen.insert("training") }
            if !program.after.isEmpty { seen.insert("after update") }
            if let t = program.training, Set(t.updated).count < t.updated.count { seen.insert("repeated update") }
        }
        let expected = Set<String>([
            "binary", "scalar", "unary", "clamp", "matmul", "linear", "sum", "mean", "sumDim", "meanDim", "maxDim",
            "softmax", "logSoftmax", "reshape", "transpose", "index", "slice", "cat", "stack", "compare", "select",
            "mse", "crossEntropy", "nll", "tie", "training", "after update", "repeated update",
        ]).union(PredicateRead.allCases.map { "cond read by \($0)" })
        #expect(expected.subtracting(seen).isEmpty, "never generated: \(expected.subtracting(seen).sorted())")
    }
}

/// `#expect`s that two tensors agree within `tolerance` (used by the printed reproductions).
func expectClose(_ got: Tensor, _ expected: Tensor, _ tolerance: Tolerance = .forward,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    let problem = got.shape != expected.shape ? "shape \(got.shape), expected \(expected.shape)"
        : tolerance.difference(got.data, expected.data)
    #expect(problem == nil, "\(problem ?? "")", sourceLocation: sourceLocation)
}
