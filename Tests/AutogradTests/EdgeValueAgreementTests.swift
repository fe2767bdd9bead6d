import Autograd
import Testing

/// Eager, traced and compiled graphs agree to the bit on values where floating point gets
/// delicate — overflow, NaN, division by zero, negative bases, extreme logits — because all three
/// run the same definition of each op and the same gradient rule. Each case computes `f(x)` and the gradient of `sum(f(x) * 0.3)` (the
/// 0.3 makes the upstream gradient something other than 1). The graph is compiled twice: with
/// every pass (fusion turns the element-wise ops into in-place steps) and with none.
@Suite struct EdgeValueAgreementTests {
    /// One op under test: the eager and the graph spelling of the same function.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let x: [Float]
        let shape: [Int]
        let eager: @Sendable (Tensor) -> Tensor
        let graph: @Sendable (GraphValue) throws -> GraphValue
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // `* 1` gives the op a producer to fuse into.
        Case(name: "sigmoid of large negatives", x: [-1000, -100, -88, -20, -1, 0, 1, 100], shape: [8],
             eager: { ($0 * 1).sigmoid() }, graph: { try ($0 * 1).sigmoid() }),
        Case(name: "max(dim:) with NaN and ties", x: [1, .nan, 3, 2, 2, 1, .nan, .nan, 0], shape: [3, 3],
             eager: { ($0 * 1).max(dim: 1).values }, graph: { try ($0 * 1).max(dim: 1) }),
        Case(name: "clamp of NaN", x: [.nan, -2, -1, 0.5, 1, 5], shape: [6],
             eager: { ($0 * 1).clamp(min: -1, max: 1) }, graph: { try ($0 * 1).clamp(min: -1, max: 1) }),
        Case(name: "division by zero and by tiny numbers", x: [1, 0, -1, 1, -2, 1, 1, 5], shape: [8],
             eager: { $0 / Self.divisors }, graph: { try $0 / $0.graph.constant(Self.divisors) }),
        Case(name: "log of zero", x: [0, -0.0, -1, .leastNonzeroMagnitude, 2], shape: [5],
             eager: { ($0 * 1).log() }, graph: { try ($0 * 1).log() }),
        Case(name: "pow of negative bases", x: [-2, -0.5, -3, 0, 1.7], shape: [5],
             eager: { ($0 * 1).pow(3) + ($0 * 1).pow(1.5) + ($0 * 1).pow(-1) },
             graph: { try (try (try ($0 * 1).pow(3)) + (try ($0 * 1).pow(1.5))) + (try ($0 * 1).pow(-1)) }),
        // The losses' gradients: the graph's kernels compute what the tape computes.
        Case(name: "crossEntropy of extreme logits", x: [0, 100, -100, 88, -88, 1, 3, 3, .infinity, 0, 1, 2], shape: [4, 3],
             eager: { crossEntropy($0 * 1, [1, 2, 0, 2], reduction: .sum) },
             graph: { try crossEntropy($0 * 1, [1, 2, 0, 2], reduction: .sum) }),
        Case(name: "crossEntropy, mean and unreduced", x: [0.1, -3, 7, 2.5, 2.5, 2.5], shape: [2, 3],
             eager: { crossEntropy($0, [2, 0]) + crossEntropy($0, [0, 1], reduction: .none).sum() },
             graph: { try (try crossEntropy($0, [2, 0])) + (try crossEntropy($0, [0, 1], reduction: .none).sum()) }),
        Case(name: "nllLoss after logSoftmax", x: [1, 2, 3, -1e30, 0, 1e30], shape: [2, 3],
             eager: { nllLoss($0.logSoftmax(dim: 1), [2, 1], reduction: .mean) },
             graph: { try nllLoss(try $0.logSoftmax(dim: 1), [2, 1], reduction: .mean) }),
        Case(name: "mseLoss, mean and unreduced", x: [1e20, -3, 0.1, 7], shape: [4],
             eager: { mseLoss($0, Self.targets) + mseLoss($0, Self.targets, reduction: .none).sum() },
             graph: { try (try mseLoss($0, $0.graph.constant(Self.targets))) + (try mseLoss($0, $0.graph.constant(Self.targets), reduction: .none).sum()) }),
        Case(name: "softmax of large and infinite values", x: [1000, 0, -1000, .infinity, 1, 2], shape: [2, 3],
             eager: { $0.softmax(dim: 1) }, graph: { try $0.softmax(dim: 1) }),
    ]

    static let targets = Tensor([0.5, 1e-3, -2, 7], shape: [4])
    static let divisors = Tensor([0, 0, -0.0, 3, 7, 1e-20, 1e-19, 0.1], shape: [8])

    @Test(arguments: cases) func eagerTracedAndCompiledAgreeBitForBit(_ c: Case) throws {
        // Eager: the reference.
        let x = Tensor(c.x, shape: c.shape, requiresGrad: true)
        let y = c.eager(x)
        (y * 0.3).sum().backward()
        let eagerGrad = try #require(x.grad)

        // Traced: the recorded ops replayed by a compiled graph.
        let traced = try trace(Tensor(c.x, shape: c.shape)) { c.eager($0) }
        expectSameBits(try traced(Tensor(c.x, shape: c.shape)), y, "\(c.name): traced forward")

        // A graph with its gradient, compiled with every pass and with none.
        let graph = Graph()
        let xv = graph.variable(Tensor(c.x, shape: c.shape), name: "x")
        let yv = try c.graph(xv)
        let loss = try (yv * 0.3).sum()
        let grads = try graph.gradients(of: loss, wrt: [xv])
        let gv = try #require(grads.first)
        for passes in [CompilePass.allCases, []] {
            let results = try graph.compile(fetch: [yv, gv], passes: passes).run()
            expectSameBits(results[0], y, "\(c.name): compiled forward, passes \(passes.map(\.rawValue))")
            expectSameBits(results[1], eagerGrad, "\(c.name): compiled gradient, passes \(passes.map(\.rawValue))")
        }
    }

    /// Equal bit patterns, or NaN in both.
    func expectSameBits(_ got: Tensor, _ expected: Tensor, _ what: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(got.shape == expected.shape, "\(what): shape", sourceLocation: sourceLocation)
        let mismatches = zip(got.data, expected.data).enumerated().filter { _, pair in
            !(pair.0.bitPattern == pair.1.bitPattern || (pair.0.isNaN && pair.1.isNaN))
        }
        #expect(mismatches.isEmpty,
                "\(what): \(mismatches.map { "[\($0.offset)] \($0.element.0) vs eager \($0.element.1)" })",
                sourceLocation: sourceLocation)
    }
}
