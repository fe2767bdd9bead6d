import Testing
@testable import Autograd

/// The buffer kernels the static executor runs give exactly what the eager ops give, and shape
/// inference agrees with the eager output shapes.
@Suite struct OpsKernelTests {
    /// Runs `op` through `Kernels.forward` into a fresh buffer.
    func runKernel(_ op: Op, _ inputs: [Tensor]) throws -> Tensor {
        let shape = try op.outputShape(for: inputs.map(\.shape))
        var out = [Float](repeating: .nan, count: Shapes.count(shape))
        let buffers = inputs.map { t in t.data.withUnsafeBufferPointer { $0 } }
        withExtendedLifetime(inputs) {
            out.withUnsafeMutableBufferPointer {
                Kernels.forward(op, inputs: Array(zip(buffers, inputs.map(\.shape))), output: $0)
            }
        }
        return Tensor(out, shape: shape)
    }

    @Test func kernelsMatchEagerOps() throws {
        let g = Generator(seed: 21)
        let a = Tensor.randn(3, 4, generator: g), b = Tensor.randn(4, generator: g)
        let p = Tensor.uniform([3, 4], low: 0.5, high: 2, generator: g)
        let w = Tensor.randn(2, 4, generator: g), bias = Tensor.randn(2, generator: g)
        let cases: [(Op, [Tensor], Tensor)] = [
            (.add, [a, b], a + b), (.sub, [a, b], a - b), (.mul, [a, b], a * b), (.div, [a, p], a / p),
            (.addScalar(2), [a], a + 2), (.subScalar(2), [a], a - 2), (.rsubScalar(2), [a], 2 - a),
            (.mulScalar(3), [a], a * 3), (.divScalar(4), [a], a / 4), (.rdivScalar(1), [p], 1 / p),
            (.powScalar(3), [a], a.pow(3)), (.neg, [a], -a), (.exp, [a], a.exp()), (.log, [p], p.log()),
            (.sqrt, [p], p.sqrt()), (.abs, [a], a.abs()), (.relu, [a], a.relu()), (.sigmoid, [a], a.sigmoid()),
            (.tanh, [a], a.tanh()), (.clamp(min: -0.5, max: 0.5), [a], a.clamp(min: -0.5, max: 0.5)),
            (.matmul, [a, w.T], a.matmul(w.T)), (.matmul, [a, b], a.matmul(b)),
            (.linear(hasBias: true), [a, w, bias], linear(a, w, bias)), (.linear(hasBias: false), [a, w], linear(a, w, nil)),
            (.transpose(0, 1), [a], a.transpose(0, 1)), (.reshape([2, 6]), [a], a.reshape(2, 6)),
            (.sum(dim: nil, keepdim: false), [a], a.sum()), (.sum(dim: 1, keepdim: true), [a], a.sum(dim: 1, keepdim: true)),
            (.mean(dim: nil, keepdim: false), [a], a.mean()), (.mean(dim: 0, keepdim: false), [a], a.mean(dim: 0)),
            (.max(dim: 1, keepdim: false), [a], a.max(dim: 1).values),
            (.softmax(dim: 1), [a], a.softmax(dim: 1)), (.logSoftmax(dim: 0), [a], a.logSoftmax(dim: 0)),
            (.index(2), [a], a[2]), (.slice(dim: 1, start: 1, end: 3), [a], a.slice(dim: 1, start: 1, end: 3)),
            (.cat(dim: 0), [a, p], Tensor.cat([a, p])), (.stack(dim: 1), [a, p], Tensor.stack([a, p], dim: 1)),
            (.compare(.gt), [a, b], a.gt(b)), (.compareScalar(.le, 0), [a], a.le(0)),
            (.where, [a.gt(0), a, p], Tensor.where(a.gt(0), a, p)),
            (.mseLoss(.mean), [a, p], mseLoss(a, p)), (.mseLoss(.none), [a, p], mseLoss(a, p, reduction: .none)),
            (.crossEntropy(.mean), [a, Tensor([0, 3, 1])], crossEntropy(a, [0, 3, 1])),
            (.nllLoss(.sum), [a, Tensor([2, 2, 0])], nllLoss(a, [2, 2, 0], reduction: .sum)),
        ]
        for (op, inputs, eager) in cases {
            let kernel = try runKernel(op, inputs)
            #expect(kernel.shape == eager.shape, "\(op)")
            #expect(kernel.data == eager.data, "\(op)")
        }
    }

    @Test func opNamesFollowPyTorch() {
        #expect(Op.mul.name == "MulBackward" && Op.mulScalar(2).name == "MulBackward")
        #expect(Op.linear(hasBias: true).name == "AddmmBackward" && Op.matmul.name == "MmBackward")
        #expect(Op.sum(dim: nil, keepdim: false).name == "SumBackward" && Op.reshape([2]).name == "ViewBackward")
        #expect(Op.sum(dim: 1, keepdim: true).description == "sum(dim: 1, keepdim: true)")
        #expect(Op.mulScalar(2).description == "mul(2.0)" && Op.crossEntropy(.mean).label == "crossEntropy")
        #expect(!Op.compare(.gt).isDifferentiable && Op.exp.savesTensors && !Op.add.savesTensors)
    }
}
