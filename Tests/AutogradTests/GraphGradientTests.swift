import Autograd
import Testing

/// Symbolic gradients of static graphs against the eager tape's gradients, op family by family.
@Suite struct GraphGradientTests {
    /// Builds `f` both ways on tensors of `shapes` (seeded random values, shifted by `offset`),
    /// and compares the static gradients with the eager ones.
    func check(_ shapes: [[Int]], offset: Float = 0, seed: UInt64 = 7,
               eager: ([Tensor]) -> Tensor, graph: (Graph, [GraphValue]) throws -> GraphValue,
               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let generator = Generator(seed: seed)
        let inputs = shapes.map { Tensor.randn($0, generator: generator, requiresGrad: true) }
        let shifted = inputs.map { t in Tensor(t.data.map { $0 + offset }, shape: t.shape, requiresGrad: true) }
        eager(shifted).backward()

        let g = Graph()
        let values = shifted.enumerated().map { g.variable($1, name: "in\($0)") }
        let loss = try graph(g, values)
        let grads = try g.gradients(of: loss, wrt: values)
        let compiled = try g.compile(fetch: [loss] + grads)
        let results = try compiled.run()
        #expect(Swift.abs(results[0].item() - eager(shifted).item()) <= 1e-4 * max(1, Swift.abs(results[0].item())),
                "loss", sourceLocation: sourceLocation)
        for (i, input) in shifted.enumerated() {
            let expected = try #require(input.grad, "eager gradient of input \(i)", sourceLocation: sourceLocation)
            let got = results[1 + i]
            #expect(got.shape == input.shape, sourceLocation: sourceLocation)
            let worst = zip(got.data, expected.data).map { Swift.abs($0 - $1) / max(1, Swift.abs($1)) }.max() ?? 0
            #expect(worst <= 1e-4, "input \(i): static and eager gradients differ by \(worst)", sourceLocation: sourceLocation)
        }
    }

    @Test func broadcastingArithmetic() throws {
        try check([[3, 4], [4], [3, 1]],
                  eager: { t in ((t[0] + t[1]) * t[2] - t[1] / (t[2].abs() + 1)).sum() },
                  graph: { _, v in try ((v[0] + v[1]) * v[2] - v[1] / (v[2].abs() + 1)).sum() })
    }

    @Test func scalarArithmeticAndPowers() throws {
        try check([[5]], offset: 3,
                  eager: { t in ((2 - t[0]) * 3 + 1 / t[0] + t[0].pow(3) / 4 - t[0].sqrt()).sum() },
                  graph: { _, v in try ((2 - v[0]) * 3 + 1 / v[0] + v[0].pow(3) / 4 - v[0].sqrt()).sum() })
    }

    @Test func unaryFunctions() throws {
        try check([[2, 5]], offset: 0.1,
                  eager: { t in (t[0].exp() + t[0].abs().log() + t[0].tanh() + t[0].sigmoid() + t[0].relu()
                                 + t[0].clamp(min: -0.5, max: 0.5) - t[0]).mean() },
                  graph: { _, v in try (v[0].exp() + v[0].abs().log() + v[0].tanh() + v[0].sigmoid() + v[0].relu()
                                        + v[0].clamp(min: -0.5, max: 0.5) - v[0]).mean() })
    }

    @Test func matmulInAllItsShapes() throws {
        try check([[3, 4], [4, 2], [4], [2]],
                  eager: { t in t[0].matmul(t[1]).sum() + t[2].matmul(t[1]).matmul(t[3]) + t[0].matmul(t[2]).sum() },
                  graph: { _, v in try v[0].matmul(v[1]).sum() + v[2].matmul(v[1]).matmul(v[3]) + v[0].matmul(v[2]).sum() })
    }

    @Test func linearWithAndWithoutBias() throws {
        try check([[5, 3], [4, 3], [4], [2, 4]],
                  eager: { t in linear(linear(t[0], t[1], t[2]).tanh(), t[3], nil).sum() },
                  graph: { _, v in try linear(linear(v[0], v[1], v[2]).tanh(), v[3], nil).sum() })
    }

    @Test func reductionsAndShapes() throws {
        try check([[2, 3, 4]],
                  eager: { t in
                      let a = t[0].sum(dim: 1).pow(2).mean()
                      let b = t[0].mean(dim: 2, keepdim: true).exp().sum()
                      let c = t[0].max(dim: 1).values.sum()
                      let d = t[0].transpose(0, 2).reshape(4, 6).slice(dim: 1, start: 1, end: 4).sum(dim: 0).tanh().sum()
                      return a + b + c + d
                  },
                  graph: { _, v in
                      let a = try v[0].sum(dim: 1).pow(2).mean()
                      let b = try v[0].mean(dim: 2, keepdim: true).exp().sum()
                      let c = try v[0].max(dim: 1).sum()
                      let d = try v[0].transpose(0, 2).reshape(4, 6).slice(dim: 1, start: 1, end: 4).sum(dim: 0).tanh().sum()
                      return try a + b + c + d
                  })
    }

    @Test func indexingJoiningAndWhere() throws {
        try check([[3, 4], [3, 4]],
                  eager: { t in
                      let joined = Tensor.cat([t[0], t[1]], dim: 1).sigmoid()
                      let stacked = Tensor.stack([t[0], t[1]], dim: 0).tanh()
                      let chosen = Tensor.where(t[0].gt(0), t[0], t[1] * 2)
                      return joined.sum() + stacked.sum() + t[1].row(2).exp().sum() + chosen.sum()
                  },
                  graph: { g, v in
                      let joined = try g.cat([v[0], v[1]], dim: 1).sigmoid()
                      let stacked = try g.stack([v[0], v[1]], dim: 0).tanh()
                      let chosen = try select(v[0].gt(0), v[0], v[1] * 2)
                      return try joined.sum() + stacked.sum() + v[1].index(2).exp().sum() + chosen.sum()
                  })
    }

    @Test func softmaxFamilyAndLosses() throws {
        let targets = [2, 0, 1]
        try check([[3, 4], [3, 4]],
                  eager: { t in
                      (t[0].softmax(dim: 1) * t[1]).sum() + crossEntropy(t[0], targets)
                          + nllLoss(t[1].logSoftmax(dim: 1), targets, reduction: .sum)
                          + mseLoss(t[0], t[1]) + mseLoss(t[0].tanh(), t[1], reduction: .sum)
                  },
                  graph: { _, v in
                      try (v[0].softmax(dim: 1) * v[1]).sum() + crossEntropy(v[0], targets)
                          + nllLoss(v[1].logSoftmax(dim: 1), targets, reduction: .sum)
                          + mseLoss(v[0], v[1]) + mseLoss(v[0].tanh(), v[1], reduction: .sum)
                  })
    }

    @Test func sharedWeightCollectsEveryUse() throws {
        try check([[4, 3], [3, 3]],
                  eager: { t in t[0].matmul(t[1]).relu().matmul(t[1]).relu().matmul(t[1]).sum() },
                  graph: { _, v in try v[0].matmul(v[1]).relu().matmul(v[1]).relu().matmul(v[1]).sum() })
    }

    @Test func condGradientsFlowThroughTheTakenBranchOnly() throws {
        let x = Tensor([[0.5, -1, 2]], requiresGrad: true)
        let a = Tensor([[1, 2, 3]], requiresGrad: true)
        let b = Tensor([[-1, 0.5, 4]], requiresGrad: true)
        let g = Graph()
        let take = try g.placeholder("takeThen", shape: [])
        let (vx, va, vb) = (g.variable(x, name: "x"), g.variable(a, name: "a"), g.variable(b, name: "b"))
        let y = try g.cond(take, then: { try (vx * va).tanh() }, else: { try (vx * vb).exp() })
        let loss = try y.sum()
        let grads = try g.gradients(of: loss, wrt: [vx, va, vb])
        let step = try g.compile(fetch: [loss] + grads)

        for takeThen in [true, false] {
            let results = try step.run(["takeThen": Tensor(takeThen ? 1 : 0)])
            x.grad = nil; a.grad = nil; b.grad = nil
            let eager = takeThen ? (x * a).tanh().sum() : (x * b).exp().sum()
            eager.backward()
            #expect(Swift.abs(results[0].item() - eager.item()) <= 1e-5)
            let taken = takeThen ? a : b, untaken = takeThen ? b : a
            let (gTaken, gUntaken) = takeThen ? (results[2], results[3]) : (results[3], results[2])
            #expect(zip(results[1].data, x.grad!.data).allSatisfy { Swift.abs($0 - $1) <= 1e-5 })
            #expect(zip(gTaken.data, taken.grad!.data).allSatisfy { Swift.abs($0 - $1) <= 1e-5 })
            #expect(untaken.grad == nil)
            #expect(gUntaken.data == [0, 0, 0])
        }
    }

    /// A value used several times sums its gradients in the tape's order, so the static gradients
    /// equal the eager ones bit for bit. `p` feeds, twice, `(c - p) - p` and then `p.sum()`: eager
    /// `backward()` adds `-1/12`, `-1/12`, then `1` (0.8333333); reverse build order added `1`
    /// first (0.8333334), and after one SGD step the relu of seed 408376 sat on either side of 0.
    @Test func aValueUsedSeveralTimesSumsItsGradientsInTapeOrder() throws {
        let p = Tensor([Float](repeating: 0.75, count: 12), requiresGrad: true)
        let c = Tensor([Float](repeating: 1, count: 12))
        let uses = ((c - p) - p).mean()
        (p.sum() + uses).backward()
        let eager = try #require(p.grad).data
        #expect(eager.allSatisfy { $0 == Float(1) - 2 * (Float(1) / 12) })

        let g = Graph()
        let vp = g.variable(p.detach(), name: "p")
        let vc = g.constant(c)
        let vUses = try ((vc - vp) - vp).mean()  // built before the sum, but visited after it
        let loss = try vp.sum() + vUses
        let gradient = try g.gradients(of: loss, wrt: [vp])[0]
        for passes in [[], CompilePass.allCases] {
            #expect(try g.compile(fetch: [gradient], passes: passes).run()[0].data == eager, "passes \(passes)")
        }
    }
}
