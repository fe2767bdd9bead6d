import Autograd

/// One op of a ``RandomProgram`` applied through each API: the eager `Tensor` one and the
/// symbolic `GraphValue` one.
extension GraphProgramOp {
    /// The op on eager tensors.
    func eager(_ a: [Tensor]) -> Tensor {
        switch self {
        case .binary(let op):
            switch op {
            case .add: return a[0] + a[1]
            case .sub: return a[0] - a[1]
            case .mul: return a[0] * a[1]
            case .div: return a[0] / a[1]
            }
        case let .scalar(op, s):
            switch op {
            case .add: return a[0] + s
            case .sub: return a[0] - s
            case .rsub: return s - a[0]
            case .mul: return a[0] * s
            case .div: return a[0] / s
            case .rdiv: return s / a[0]
            case .pow: return a[0].pow(s)
            }
        case .unary(let op):
            switch op {
            case .neg: return -a[0]
            case .exp: return a[0].exp()
            case .log: return a[0].log()
            case .sqrt: return a[0].sqrt()
            case .abs: return a[0].abs()
            case .relu: return a[0].relu()
            case .sigmoid: return a[0].sigmoid()
            case .tanh: return a[0].tanh()
            }
        case let .clamp(low, high): return a[0].clamp(min: low, max: high)
        case .matmul: return a[0].matmul(a[1])
        case .linear(let bias): return Autograd.linear(a[0], a[1], bias ? a[2] : nil)
        case .sum: return a[0].sum()
        case .mean: return a[0].mean()
        case let .sumDim(d, keep): return a[0].sum(dim: d, keepdim: keep)
        case let .meanDim(d, keep): return a[0].mean(dim: d, keepdim: keep)
        case let .maxDim(d, keep): return a[0].max(dim: d, keepdim: keep).values
        case .softmax(let d): return a[0].softmax(dim: d)
        case .logSoftmax(let d): return a[0].logSoftmax(dim: d)
        case .reshape(let shape): return a[0].reshape(shape)
        case let .transpose(d0, d1): return a[0].transpose(d0, d1)
        case .index(let i): return a[0].row(i)
        case let .slice(dim, start, end): return a[0].slice(dim: dim, start: start, end: end)
        case .cat(let dim): return Tensor.cat(a, dim: dim)
        case .stack(let dim): return Tensor.stack(a, dim: dim)
        case let .compare(c, s):
            switch c {
            case .gt: return a[0].gt(s)
            case .lt: return a[0].lt(s)
            case .ge: return a[0].ge(s)
            case .le: return a[0].le(s)
            case .eq: return a[0].eq(s)
            }
        case .select: return Tensor.where(a[0], a[1], a[2])
        case .mse(let r): return Autograd.mseLoss(a[0], a[1], reduction: r)
        case let .crossEntropy(targets, r): return Autograd.crossEntropy(a[0], targets, reduction: r)
        case let .nll(targets, r): return Autograd.nllLoss(a[0], targets, reduction: r)
        }
    }

    /// The op as graph nodes.
    func graph(_ a: [GraphValue]) throws -> GraphValue {
        switch self {
        case .binary(let op):
            switch op {
            case .add: return try a[0] + a[1]
            case .sub: return try a[0] - a[1]
            case .mul: return try a[0] * a[1]
            case .div: return try a[0] / a[1]
            }
        case let .scalar(op, s):
            switch op {
            case .add: return try a[0] + s
            case .sub: return try a[0] - s
            case .rsub: return try s - a[0]
            case .mul: return try a[0] * s
            case .div: return try a[0] / s
            case .rdiv: return try s / a[0]
            case .pow: return try a[0].pow(s)
            }
        case .unary(let op):
            switch op {
            case .neg: return try -a[0]
            case .exp: return try a[0].exp()
            case .log: return try a[0].log()
            case .sqrt: return try a[0].sqrt()
            case .abs: return try a[0].abs()
            case .relu: return try a[0].relu()
            case .sigmoid: return try a[0].sigmoid()
            case .tanh: return try a[0].tanh()
            }
        case let .clamp(low, high): return try a[0].clamp(min: low, max: high)
        case .matmul: return try a[0].matmul(a[1])
        case .linear(let bias): return try Autograd.linear(a[0], a[1], bias ? a[2] : nil)
        case .sum: return try a[0].sum()
        case .mean: return try a[0].mean()
        case let .sumDim(d, keep): return try a[0].sum(dim: d, keepdim: keep)
        case let .meanDim(d, keep): return try a[0].mean(dim: d, keepdim: keep)
        case let .maxDim(d, keep): return try a[0].max(dim: d, keepdim: keep)
        case .softmax(let d): return try a[0].softmax(dim: d)
        case .logSoftmax(let d): return try a[0].logSoftmax(dim: d)
        case .reshape(let shape): return try a[0].reshape(shape)
        case let .transpose(d0, d1): return try a[0].transpose(d0, d1)
        case .index(let i): return try a[0].index(i)
        case let .slice(dim, start, end): return try a[0].slice(dim: dim, start: start, end: end)
        case .cat(let dim): return try a[0].graph.cat(a, dim: dim)
        case .stack(let dim): return try a[0].graph.stack(a, dim: dim)
        case let .compare(c, s): return try a[0].compare(c, s)
        case .select: return try Autograd.select(a[0], a[1], a[2])
        case .mse(let r): return try Autograd.mseLoss(a[0], a[1], reduction: r)
        case let .crossEntropy(targets, r): return try Autograd.crossEntropy(a[0], targets, reduction: r)
        case let .nll(targets, r): return try Autograd.nllLoss(a[0], targets, reduction: r)
        }
    }
}
