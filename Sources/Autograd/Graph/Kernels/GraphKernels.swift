#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one graph op into a preallocated output buffer: eager ops through the tape's own
/// ``Kernels``, graph-only ops (gradients, control flow, fused chains) here.
enum GraphKernels {
    typealias Input = (UnsafeBufferPointer<Float>, [Int])

    /// Computes `op(inputs)` into `out`, whose shape is `shape`. `out` never aliases an input.
    /// An op that writes inputs in place (``GraphOp/updatedInputs(arity:)``) gets their storage, in
    /// input order, as `updating`: the only buffers a kernel writes besides `out`.
    static func run(_ op: GraphOp, _ inputs: [Input], updating: [UnsafeMutableBufferPointer<Float>] = [],
                    into out: UnsafeMutableBufferPointer<Float>, shape: [Int]) {
        switch op {
        case .eager(let eager):
            Kernels.forward(eager, inputs: inputs, output: out)
        case .broadcastTo:
            Kernels.expand(inputs[0].0, inputs[0].1, out, shape)
        case .sumTo:
            Kernels.sumTo(inputs[0].0, inputs[0].1, out, shape)
        case let .gemm(ta, tb):
            gemm(inputs[0], transpose: ta, inputs[1], transpose: tb, into: out)
        case .derivative:
            Elementwise.derivative(op, inputs, into: out)
        case .softmaxGrad(let dim):
            let (outer, size, inner) = Shapes.split(shape, at: dim)
            let y = inputs[0].0, g = inputs[1].0
            for o in 0..<outer {
                for i in 0..<inner {
                    var dot: Float = 0
                    for k in 0..<size { let at = (o * size + k) * inner + i; dot += g[at] * y[at] }
                    for k in 0..<size { let at = (o * size + k) * inner + i; out[at] = y[at] * (g[at] - dot) }
                }
            }
        case .logSoftmaxGrad(let dim):
            let (outer, size, inner) = Shapes.split(shape, at: dim)
            let y = inputs[0].0, g = inputs[1].0
            for o in 0..<outer {
                for i in 0..<inner {
                    var total: Float = 0
                    for k in 0..<size { total += g[(o * size + k) * inner + i] }
                    for k in 0..<size { let at = (o * size + k) * inner + i; out[at] = g[at] - expf(y[at]) * total }
                }
            }
        case .maxGrad(let dim, _):
            let (outer, size, inner) = Shapes.split(shape, at: dim)
            let g = inputs[1].0
            out.initialize(repeating: 0)
            // The eager kernel picks the index (the first maximum; NaN wins), so both agree on ties and NaN.
            withUnsafeTemporaryAllocation(of: Float.self, capacity: outer * inner) { values in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: outer * inner) { indices in
                    Kernels.max(inputs[0].0, shape, dim: dim, values, indices: indices)
                    for o in 0..<outer {
                        for i in 0..<inner { out[(o * size + indices[o * inner + i]) * inner + i] = g[o * inner + i] }
                    }
                }
            }
        case .mseGrad(let reduction):
            Kernels.mseLossBackward(inputs[0].0, inputs[1].0, reduction, gradient: inputs[2].0, out)
        case let .crossEntropyGrad(reduction):
            let targets = Kernels.classIndices(inputs[1].0, classes: shape.last ?? 1)
            // The log-probabilities again, by the forward pass's own kernel: the same numbers.
            withUnsafeTemporaryAllocation(of: Float.self, capacity: out.count) { logProbs in
                Kernels.softmax(inputs[0].0, shape, dim: shape.count - 1, log: true, logProbs)
                Kernels.crossEntropyBackward(logProbs: UnsafeBufferPointer(logProbs), targets: targets, reduction,
                                             gradient: inputs[2].0, out)
            }
        case let .nllGrad(reduction):
            let targets = Kernels.classIndices(inputs[1].0, classes: shape.last ?? 1)
            Kernels.nllLossBackward(classes: shape.last ?? 1, targets: targets, reduction, gradient: inputs[2].0, out)
        case let .padSlice(_, dim, start):
            out.initialize(repeating: 0)
            Kernels.sliceBackward(inputs[0].0, shape, dim: dim, start: start, end: start + inputs[0].1[dim], out)
        case .cond:
            let chosen = inputs[0].0[0] != 0 ? inputs[1].0 : inputs[2].0
            _ = out.initialize(from: chosen)
        case .applySGD(let settings):
            applySGD(settings, inputs, updating: updating)
        case .fused(let kernel):
            runFused(kernel, head: Array(inputs[0..<kernel.headArity]), inputs, into: out, shape: shape)
        }
    }

    /// A fused chain: the head op into `out`, then each element-wise step in place.
    static func runFused(_ kernel: FusedKernel, head: [Input], _ inputs: [Input],
                         into out: UnsafeMutableBufferPointer<Float>, shape: [Int]) {
        run(kernel.head, head, into: out, shape: shape)
        for step in kernel.steps {
            switch step {
            case .unary(let op):
                Elementwise.applyUnary(op, out)
            case let .binary(op, input, chainFirst):
                Elementwise.applyBinary(op, out, shape: shape, other: inputs[input], chainFirst: chainFirst)
            }
        }
    }

    /// `torch.optim.SGD`'s update (``SGDUpdate``, the one eager `SGD` runs), in place on the variables'
    /// storage: inputs `[p, g]` or, with momentum, `[p, g, buf, started]`, then the presence flag when
    /// gated (0: no step); `updating` is the storage of `p`, then of `buf` and `started`.
    static func applySGD(_ s: SGDSettings, _ inputs: [Input], updating: [UnsafeMutableBufferPointer<Float>]) {
        if s.gated {
            guard inputs[inputs.count - 1].0[0] != 0 else { return }
            var ungated = s
            ungated.gated = false
            return applySGD(ungated, Array(inputs.dropLast()), updating: updating)
        }
        let (buffer, started) = s.momentum != 0 ? (updating[1], updating[2]) : (nil, nil)
        s.update.apply(to: updating[0], gradient: inputs[1].0, momentumBuffer: buffer,
                       isFirstStep: started.map { $0[0] == 0 } ?? false)
        started?[0] = 1
    }

    /// `C = op(A) @ op(B)` with BLAS, transposes taken by the kernel (none materialized).
    static func gemm(_ a: Input, transpose ta: Bool, _ b: Input, transpose tb: Bool,
                     into c: UnsafeMutableBufferPointer<Float>) {
        let m = ta ? a.1[1] : a.1[0]
        let k = ta ? a.1[0] : a.1[1]
        let n = tb ? b.1[0] : b.1[1]
        guard let ap = a.0.baseAddress, let bp = b.0.baseAddress, let cp = c.baseAddress else {
            c.initialize(repeating: 0)
            return
        }
        Kernels.gemm(transA: ta, transB: tb, m: m, n: n, k: k, ap, bp, cp)
    }

    /// Runs `op` on `inputs` now into a new tensor of `shape`: constant folding, and the gradient
    /// rules on the tape.
    static func evaluate(_ op: GraphOp, _ inputs: [Tensor], shape: [Int]) -> Tensor {
        var buffers: [Input] = []
        buffers.reserveCapacity(inputs.count)
        func withBuffers(_ i: Int, _ body: ([Input]) -> Void) {
            guard i < inputs.count else { return body(buffers) }
            inputs[i].withUnsafeBufferPointer {
                buffers.append(($0, inputs[i].shape))
                withBuffers(i + 1, body)
            }
        }
        return Tensor.make(shape) { out in withBuffers(0) { run(op, $0, into: out, shape: shape) } }
    }
}
