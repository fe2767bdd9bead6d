/// Every op's vector–Jacobian product, written once: given the gradient of the op's output, hand
/// each input its gradient. The tape runs these rules now (``TapeGradients``); the static graph
/// writes them as nodes (``GraphGradients``). Element-wise ops take theirs from their definitions
/// (`Ops/Elementwise/`).
extension Op {
    func vjp<B: GradientBuilder>(_ b: B) throws(B.Failure) {
        let g = b.upstream
        switch self {
        case .binary(let op):
            try op.vjp(b)
        case .unary(let op):
            try b.passDerivative(op)
        case .matmul:
            // a is m×k, b is k×n, g is m×n (vectors as 1×k and k×1): da = g @ bᵀ, db = aᵀ @ g.
            let (x, y) = (b.input(0), b.input(1))
            let (xs, ys) = (b.shape(of: x), b.shape(of: y))
            let x2 = try b.reshaped(x, xs.count == 1 ? [1, xs[0]] : xs)
            let y2 = try b.reshaped(y, ys.count == 1 ? [ys[0], 1] : ys)
            let g2 = try b.reshaped(g, [b.shape(of: x2)[0], b.shape(of: y2)[1]])
            if b.needs(0) {
                try b.pass(try b.reshaped(try b.apply(.gemm(transposeA: false, transposeB: true), g2, y2), xs), to: 0)
            }
            if b.needs(1) {
                try b.pass(try b.reshaped(try b.apply(.gemm(transposeA: true, transposeB: false), x2, g2), ys), to: 1)
            }
        case .linear(let hasBias):
            // g is rows×out: dx = g @ W, dW = gᵀ @ x, db = the column sums of g.
            let (x, weight) = (b.input(0), b.input(1))
            let (xs, ws) = (b.shape(of: x), b.shape(of: weight))
            let (outFeatures, inFeatures) = (ws[0], ws[1])
            let g2 = try b.reshaped(g, [Shapes.count(b.shape(of: g)) / Swift.max(outFeatures, 1), outFeatures])
            let x2 = try b.reshaped(x, [Shapes.count(xs) / Swift.max(inFeatures, 1), inFeatures])
            if b.needs(0) {
                try b.pass(try b.reshaped(try b.apply(.gemm(transposeA: false, transposeB: false), g2, weight), xs), to: 0)
            }
            if b.needs(1) { try b.pass(try b.apply(.gemm(transposeA: true, transposeB: false), g2, x2), to: 1) }
            if hasBias && b.needs(2) { try b.pass(g, to: 2) }
        case .transpose(let d0, let d1):
            try b.pass(try b.apply(.transpose(d0, d1), g), to: 0)
        case .reshape:
            try b.pass(try b.reshaped(g, b.shape(of: b.input(0))), to: 0)
        case let .sum(dim, _), let .mean(dim, _):
            // The gradient spread back over the reduced elements (divided by their number for the mean).
            let shape = b.shape(of: b.input(0))
            let (kept, n) = dim.map { shape.isEmpty ? ([], 1) : (Shapes.reduced(shape, dim: $0, keepdim: true), shape[$0]) }
                ?? ([], Shapes.count(shape))
            let spread = try b.apply(.broadcastTo(shape), try b.reshaped(g, kept))
            guard case .mean = self else { return try b.pass(spread, to: 0) }
            try b.pass(try b.apply(.divScalar(Float(n)), spread), to: 0)
        case let .max(dim, keepdim):
            try b.pass(try b.apply(.maxGrad(dim: dim, keepdim: keepdim), b.input(0), g), to: 0)
        case .softmax(let dim):
            try b.pass(try b.apply(.softmaxGrad(dim: dim), b.output, g), to: 0)
        case .logSoftmax(let dim):
            try b.pass(try b.apply(.logSoftmaxGrad(dim: dim), b.output, g), to: 0)
        case .index(let i):
            let shape = b.shape(of: b.input(0))
            try b.pass(try b.apply(.padSlice(shape: shape, dim: 0, start: i), try b.reshaped(g, [1] + b.shape(of: g))), to: 0)
        case let .slice(dim, start, _):
            try b.pass(try b.apply(.padSlice(shape: b.shape(of: b.input(0)), dim: dim, start: start), g), to: 0)
        case .cat(let dim), .stack(let dim):
            var offset = 0
            for k in 0..<b.inputCount {
                let shape = b.shape(of: b.input(k))
                let width: Int
                if case .stack = self { width = 1 } else { width = shape[dim] }
                defer { offset += width }
                guard b.needs(k) else { continue }
                try b.pass(try b.reshaped(try b.apply(.slice(dim: dim, start: offset, end: offset + width), g), shape), to: k)
            }
        case .where:
            let (condition, zero) = (b.input(0), b.zero())
            if b.needs(1) { try b.pass(try b.apply(.where, condition, g, zero), to: 1) }
            if b.needs(2) { try b.pass(try b.apply(.where, condition, zero, g), to: 2) }
        case .mseLoss(let reduction):
            let dInput = try b.apply(.mseGrad(reduction), b.input(0), b.input(1), g)
            try b.pass(dInput, to: 0)
            if b.needs(1) { try b.pass(try b.apply(.neg, dInput), to: 1) }
        case .crossEntropy(let reduction):
            // The targets are class indices: no gradient flows to them.
            try b.pass(try b.apply(.crossEntropyGrad(reduction), b.input(0), b.input(1), g), to: 0)
        case .nllLoss(let reduction):
            try b.pass(try b.apply(.nllGrad(reduction), b.input(0), b.input(1), g), to: 0)
        case .compare, .compareScalar:
            return
        }
    }
}
