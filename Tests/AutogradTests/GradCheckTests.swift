import Testing
@testable import Autograd

/// Every differentiable op's backward rule against finite differences.
@Suite struct GradCheckTests {
    typealias G = GradCheck

    @Test func addSubMulDivWithBroadcasting() {
        let shapes: [([Int], [Int])] = [([3, 4], [3, 4]), ([3, 4], [4]), ([3, 1], [1, 4]), ([2, 3, 4], [3, 1]), ([3, 4], [])]
        for (i, (sa, sb)) in shapes.enumerated() {
            let s = UInt64(i * 10)
            G.check([G.leaf(sa, seed: s), G.leaf(sb, seed: s + 1)]) { $0[0] + $0[1] }
            G.check([G.leaf(sa, seed: s), G.leaf(sb, seed: s + 1)]) { $0[0] - $0[1] }
            G.check([G.leaf(sa, seed: s), G.leaf(sb, seed: s + 1)]) { $0[0] * $0[1] }
            G.check([G.leaf(sa, seed: s), G.awayFromZero(sb, margin: 0.5, seed: s + 1)]) { $0[0] / $0[1] }
            G.check([G.leaf(sb, seed: s + 2), G.leaf(sa, seed: s + 3)]) { $0[0] * $0[1] }
        }
    }

    @Test func scalarForms() {
        let x = G.awayFromZero([2, 3], margin: 0.5, seed: 1)
        G.check([x]) { $0[0] + 1.5 }
        G.check([x]) { 1.5 + $0[0] }
        G.check([x]) { $0[0] - 2 }
        G.check([x]) { 2 - $0[0] }
        G.check([x]) { $0[0] * 3 }
        G.check([x]) { -0.5 * $0[0] }
        G.check([x]) { $0[0] / 4 }
        G.check([x]) { 2 / $0[0] }
        G.check([x]) { -$0[0] }
    }

    @Test func unaryFunctions() {
        let x = G.awayFromZero([3, 4], margin: 0.3, seed: 2)
        let positive = G.awayFromZero([3, 4], margin: 0.3, seed: 3, positive: true)
        G.check([x]) { $0[0].pow(2) }
        G.check([x]) { $0[0].pow(3) }
        G.check([positive]) { $0[0].pow(0.5) }
        G.check([positive]) { $0[0].pow(-1.5) }
        G.check([x]) { $0[0].pow(0) }
        G.check([x]) { $0[0].exp() }
        G.check([positive]) { $0[0].log() }
        G.check([positive]) { $0[0].sqrt() }
        G.check([x]) { $0[0].abs() }
        G.check([x]) { $0[0].relu() }
        G.check([x]) { $0[0].sigmoid() }
        G.check([x]) { $0[0].tanh() }
        let spread = Tensor([-1.7, -0.9, -0.3, 0.2, 0.45, 0.8, 1.3, 1.9], shape: [2, 4], requiresGrad: true)
        G.check([spread]) { $0[0].clamp(min: -0.5, max: 1.0) }
        G.check([spread]) { $0[0].clamp(min: 0.1) }
        G.check([spread]) { $0[0].clamp(max: -0.1) }
    }

    @Test func matmulForms() {
        G.check([G.leaf([3, 4], seed: 4), G.leaf([4, 5], seed: 5)]) { $0[0].matmul($0[1]) }
        G.check([G.leaf([3, 4], seed: 6), G.leaf([4], seed: 7)]) { $0[0].matmul($0[1]) }
        G.check([G.leaf([4], seed: 8), G.leaf([4, 2], seed: 9)]) { $0[0].matmul($0[1]) }
        G.check([G.leaf([4], seed: 10), G.leaf([4], seed: 11)]) { $0[0].matmul($0[1]) }
    }

    @Test func linearWithAndWithoutBias() {
        G.check([G.leaf([5, 3], seed: 12), G.leaf([4, 3], seed: 13), G.leaf([4], seed: 14)]) { linear($0[0], $0[1], $0[2]) }
        G.check([G.leaf([5, 3], seed: 15), G.leaf([4, 3], seed: 16)]) { linear($0[0], $0[1], nil) }
        G.check([G.leaf([3], seed: 17), G.leaf([2, 3], seed: 18), G.leaf([2], seed: 19)]) { linear($0[0], $0[1], $0[2]) }
    }

    @Test func shapeOps() {
        G.check([G.leaf([3, 4], seed: 20)]) { $0[0].transpose(0, 1) }
        G.check([G.leaf([2, 3, 4], seed: 21)]) { $0[0].transpose(0, 2) }
        G.check([G.leaf([2, 3, 4], seed: 22)]) { $0[0].transpose(-1, 1) }
        G.check([G.leaf([3, 4], seed: 23)]) { $0[0].T }
        G.check([G.leaf([3, 4], seed: 24)]) { $0[0].reshape(2, -1) }
        G.check([G.leaf([3, 4], seed: 25)]) { $0[0].reshape(12) }
    }

    @Test func reductions() {
        let x = G.leaf([3, 4], seed: 26)
        G.check([x]) { $0[0].sum() }
        G.check([x]) { $0[0].sum(dim: 0) }
        G.check([x]) { $0[0].sum(dim: 1, keepdim: true) }
        G.check([x]) { $0[0].sum(dim: -1) }
        G.check([x]) { $0[0].mean() }
        G.check([x]) { $0[0].mean(dim: 0, keepdim: true) }
        G.check([x]) { $0[0].mean(dim: 1) }
        G.check([G.leaf([2, 3, 4], seed: 27)]) { $0[0].sum(dim: 1) }
        G.check([G.leaf([2, 3, 4], seed: 28)]) { $0[0].mean(dim: 2, keepdim: true) }
        // Distinct values so the maximum is unique and finite differences do not cross a tie.
        let distinct = Tensor([0.1, 1.5, -0.7, 0.9, 2.2, -1.3, 0.4, 1.1, -0.2, 0.6, 1.8, -2.0],
                              shape: [3, 4], requiresGrad: true)
        G.check([distinct]) { $0[0].max(dim: 1).values }
        G.check([distinct]) { $0[0].max(dim: 0, keepdim: true).values }
    }

    @Test func softmaxAndLogSoftmax() {
        let x = G.leaf([3, 5], seed: 29)
        G.check([x]) { $0[0].softmax(dim: 1) }
        G.check([x]) { $0[0].softmax(dim: 0) }
        G.check([x]) { $0[0].logSoftmax(dim: -1) }
        G.check([x]) { $0[0].logSoftmax(dim: 0) }
        G.check([G.leaf([2, 3, 4], seed: 30)]) { $0[0].softmax(dim: 1) }
    }

    @Test func indexingSlicingJoining() {
        let x = G.leaf([4, 3], seed: 31)
        G.check([x]) { $0[0][1] }
        G.check([x]) { $0[0][-1] }
        G.check([x]) { $0[0][1..<3] }
        G.check([x]) { $0[0].slice(dim: 1, start: 1, end: 3) }
        G.check([G.leaf([2, 3], seed: 32), G.leaf([1, 3], seed: 33)]) { Tensor.cat($0, dim: 0) }
        G.check([G.leaf([2, 3], seed: 34), G.leaf([2, 2], seed: 35)]) { Tensor.cat($0, dim: 1) }
        G.check([G.leaf([2, 3], seed: 36), G.leaf([2, 3], seed: 37)]) { Tensor.stack($0, dim: 0) }
        G.check([G.leaf([2, 3], seed: 38), G.leaf([2, 3], seed: 39)]) { Tensor.stack($0, dim: 2) }
    }

    @Test func whereSelectsGradients() {
        let condition = Tensor([1, 0, 0, 1, 1, 0], shape: [2, 3])
        G.check([G.leaf([2, 3], seed: 40), G.leaf([3], seed: 41)]) { Tensor.where(condition, $0[0], $0[1]) }
    }

    @Test func losses() {
        for reduction in [Reduction.mean, .sum, .none] {
            G.check([G.leaf([4, 3], seed: 42), G.leaf([4, 3], seed: 43)]) { mseLoss($0[0], $0[1], reduction: reduction) }
            G.check([G.leaf([4, 3], seed: 44)]) { crossEntropy($0[0], [2, 0, 1, 2], reduction: reduction) }
            G.check([G.leaf([4, 3], seed: 45)]) { nllLoss($0[0].logSoftmax(dim: 1), [1, 1, 0, 2], reduction: reduction) }
        }
        G.check([G.leaf([5], seed: 46)]) { crossEntropy($0[0], [3]) }
    }

    @Test func compositeExpressionReusingInputs() {
        let x = G.leaf([3, 3], seed: 47)
        let w = G.leaf([3, 3], seed: 48)
        G.check([x, w]) { t in
            let h = (t[0].matmul(t[1]) + t[0]).tanh()
            return (h * h - t[0].sigmoid()).sum(dim: 0) + t[1].mean()
        }
        // A leaf in several products: later contributions are added into its gradient in place.
        G.check([G.leaf([2, 3], seed: 49), G.leaf([2, 3], seed: 50)]) { t in t[0] * t[1] * t[0] + t[1] * t[0] }
        G.check([G.leaf([2, 3], seed: 51), G.leaf([3], seed: 52)]) { t in t[0] * t[1] * t[1] }
    }
}
