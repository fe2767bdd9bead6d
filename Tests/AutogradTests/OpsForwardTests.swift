import Testing
@testable import Autograd

/// Forward values of the eager ops, with NumPy/PyTorch broadcasting.
@Suite struct OpsForwardTests {
    @Test func arithmeticBroadcasts() {
        let a = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect((a + Tensor([10, 20, 30])).data == [11, 22, 33, 14, 25, 36])
        #expect((a - Tensor([[1], [2]])).data == [0, 1, 2, 2, 3, 4])
        #expect((Tensor([[1], [2]]) * Tensor([[1, 10, 100]])).shape == [2, 3])
        #expect((Tensor([[1], [2]]) * Tensor([[1, 10, 100]])).data == [1, 10, 100, 2, 20, 200])
        #expect((a / Tensor(2)).data == [0.5, 1, 1.5, 2, 2.5, 3])
        let c = Tensor.ones(2, 1, 3) + Tensor.arange(2).reshape(2, 1)
        #expect(c.shape == [2, 2, 3] && c.data == [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2])
    }

    @Test func scalarForms() {
        let x = Tensor([1, 2, 4])
        #expect((x + 1).data == [2, 3, 5] && (1 + x).data == [2, 3, 5])
        #expect((x - 1).data == [0, 1, 3] && (1 - x).data == [0, -1, -3])
        #expect((x * 2).data == [2, 4, 8] && (2 * x).data == [2, 4, 8])
        #expect((x / 2).data == [0.5, 1, 2] && (2 / x).data == [2, 1, 0.5])
        #expect((-x).data == [-1, -2, -4])
        #expect(x.pow(2).data == [1, 4, 16] && x.pow(0.5).data == [1, Float(2).squareRoot(), 2])
    }

    @Test func unaryFunctions() {
        let x = Tensor([-2, -0.5, 0, 0.5, 2])
        #expect(x.relu().data == [0, 0, 0, 0.5, 2])
        #expect(x.abs().data == [2, 0.5, 0, 0.5, 2])
        #expect(x.clamp(min: -1, max: 1).data == [-1, -0.5, 0, 0.5, 1])
        #expect(x.clamp(min: 0).data == [0, 0, 0, 0.5, 2])
        #expect(Tensor([0]).sigmoid().data == [0.5])
        #expect(Tensor([-100, 100]).sigmoid().data[0] < 1e-30 && Tensor([100]).sigmoid().data == [1])
        #expect(Tensor([0]).tanh().data == [0] && Tensor([0]).exp().data == [1])
        #expect(Tensor([1, 4]).log().data == [0, Float(4).natLog])
        #expect(Tensor([9, 16]).sqrt().data == [3, 4])
    }

    @Test func matmulForms() {
        let a = Tensor([[1, 2, 3], [4, 5, 6]])
        let b = Tensor([[1, 0], [0, 1], [1, 1]])
        #expect(a.matmul(b).shape == [2, 2] && a.matmul(b).data == [4, 5, 10, 11])
        #expect(a.matmul(Tensor([1, 1, 1])).data == [6, 15])
        #expect(Tensor([1, 1]).matmul(a).data == [5, 7, 9])
        let dot = Tensor([1, 2, 3]).matmul(Tensor([4, 5, 6]))
        #expect(dot.shape == [] && dot.data == [32])
        #expect(a.T.shape == [3, 2] && a.T.data == [1, 4, 2, 5, 3, 6])
    }

    @Test func linearIsMatmulPlusBias() {
        let g = Generator(seed: 8)
        let x = Tensor.randn(5, 4, generator: g), w = Tensor.randn(3, 4, generator: g), b = Tensor.randn(3, generator: g)
        let fused = linear(x, w, b), reference = x.matmul(w.T) + b
        #expect(fused.shape == [5, 3])
        #expect(zip(fused.data, reference.data).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(linear(x, w, nil).data == x.matmul(w.T).data)
        #expect(linear(Tensor([1, 2, 3, 4]), w, b).shape == [3])
        #expect(linear(x, w, b).gradFn == nil)
    }

    @Test func shapeOps() {
        let t = Tensor.arange(24).reshape(2, 3, 4)
        let s = t.transpose(0, 2)
        #expect(s.shape == [4, 3, 2])
        #expect(s.data[0..<6] == [0, 12, 4, 16, 8, 20])
        #expect(t.reshape(-1, 6).shape == [4, 6])
        #expect(t.reshape([24]).data == t.data)
    }

    @Test func reductions() {
        let x = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(x.sum().shape == [] && x.sum().data == [21])
        #expect(x.sum(dim: 0).data == [5, 7, 9])
        #expect(x.sum(dim: 1, keepdim: true).shape == [2, 1])
        #expect(x.sum(dim: -1).data == [6, 15])
        #expect(x.mean().data == [3.5])
        #expect(x.mean(dim: 0).data == [2.5, 3.5, 4.5])
        #expect(x.mean(dim: 1, keepdim: true).data == [2, 5])
        let (values, indices) = Tensor([[1, 7, 7], [9, -1, 3]]).max(dim: 1)
        #expect(values.data == [7, 9] && indices == [1, 0])
        let (columns, rows) = Tensor([[1, 7, 7], [9, -1, 3]]).max(dim: 0, keepdim: true)
        #expect(columns.shape == [1, 3] && columns.data == [9, 7, 7] && rows == [1, 0, 0])
    }

    @Test func softmaxFamily() {
        let x = Tensor([[0, Float(3).natLog], [1, 1]])
        #expect(x.softmax(dim: 1).data.map { ($0 * 1e5).rounded() / 1e5 } == [0.25, 0.75, 0.5, 0.5])
        let big = Tensor([1000, 1001])
        #expect(big.softmax(dim: 0).data.allSatisfy { $0.isFinite })
        let logs = x.logSoftmax(dim: -1).data, probs = x.softmax(dim: -1).data
        #expect(zip(logs, probs).allSatisfy { abs($0 - $1.natLog) < 1e-6 })
        let columns = Tensor([[1, 2], [3, 4]]).softmax(dim: 0).data
        #expect(abs(columns[0] + columns[2] - 1) < 1e-6)
    }

    @Test func indexingSlicingJoining() {
        let x = Tensor.arange(12).reshape(4, 3)
        #expect(x[1].data == [3, 4, 5] && x[1].shape == [3])
        #expect(x[-1].data == [9, 10, 11])
        #expect(x[1..<3].shape == [2, 3] && x[1..<3].data == [3, 4, 5, 6, 7, 8])
        #expect(x.slice(dim: 1, start: 1, end: 3).data == [1, 2, 4, 5, 7, 8, 10, 11])
        let a = Tensor([[1, 2]]), b = Tensor([[3, 4], [5, 6]])
        #expect(Tensor.cat([a, b]).data == [1, 2, 3, 4, 5, 6])
        #expect(Tensor.cat([b, b], dim: 1).data == [3, 4, 3, 4, 5, 6, 5, 6])
        let s = Tensor.stack([Tensor([1, 2]), Tensor([3, 4])], dim: 1)
        #expect(s.shape == [2, 2] && s.data == [1, 3, 2, 4])
        #expect(Tensor.stack([Tensor(1), Tensor(2)]).data == [1, 2])
        // No blocks before the joined dimension: nothing to copy.
        #expect(Tensor.cat([Tensor.zeros(0, 3), Tensor.zeros(0, 2)], dim: 1).shape == [0, 5])
    }

    @Test func comparisonsAndWhere() {
        let a = Tensor([1, 2, 3]), b = Tensor([3, 2, 1])
        #expect(a.gt(b).data == [0, 0, 1] && a.lt(b).data == [1, 0, 0])
        #expect(a.ge(b).data == [0, 1, 1] && a.le(b).data == [1, 1, 0] && a.eq(b).data == [0, 1, 0])
        #expect(a.gt(1.5).data == [0, 1, 1] && a.eq(2).data == [0, 1, 0])
        let x = Tensor([1, 2, 3], requiresGrad: true)
        #expect(x.gt(2).gradFn == nil && !x.gt(Tensor([2])).requiresGrad)
        let chosen = Tensor.where(a.gt(b), a, Tensor(0))
        #expect(chosen.data == [0, 0, 3])
        #expect(Tensor.where(Tensor([[1], [0]]), a, b).data == [1, 2, 3, 3, 2, 1])
    }

    @Test func losses() {
        let x = Tensor([[1, 2], [3, 4]]), t = Tensor([[1, 0], [3, 6]])
        #expect(mseLoss(x, t).data == [2])
        #expect(mseLoss(x, t, reduction: .sum).data == [8])
        #expect(mseLoss(x, t, reduction: .none).data == [0, 4, 0, 4])
        let logits = Tensor([[0, 0], [0, 0]])
        #expect(abs(crossEntropy(logits, [0, 1]).item() - Float(2).natLog) < 1e-6)
        #expect(crossEntropy(logits, [0, 1], reduction: .none).shape == [2])
        let logProbs = Tensor([[-1, -2], [-3, -4]])
        #expect(nllLoss(logProbs, [1, 0]).data == [2.5])
        #expect(nllLoss(logProbs, [1, 0], reduction: .sum).data == [5])
        #expect(nllLoss(logProbs, [1, 0], reduction: .none).data == [2, 3])
        #expect(nllLoss(Tensor([-1, -2]), [1]).data == [2])
        #expect(crossEntropy(Tensor([[1, 2, 3]], requiresGrad: true), [2]).gradFn?.name == "NllLossBackward")
    }
}

extension Float {
    /// The natural logarithm through the library's own kernel (for expected values).
    var natLog: Float { Tensor(self).log().data[0] }
}
