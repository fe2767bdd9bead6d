/// How a loss combines its per-element values, as PyTorch's `reduction=` argument.
public enum Reduction: String, Hashable, Sendable {
    /// The average over all elements (PyTorch's default).
    case mean
    /// The sum over all elements.
    case sum
    /// No reduction: one loss value per element (or per sample).
    case none
}

/// The element-wise comparisons; they return tensors of 0 and 1 and carry no gradient.
public enum Comparison: String, Hashable, Sendable {
    /// `a > b` (`torch.gt`).
    case gt
    /// `a < b` (`torch.lt`).
    case lt
    /// `a >= b` (`torch.ge`).
    case ge
    /// `a <= b` (`torch.le`).
    case le
    /// `a == b` (`torch.eq`).
    case eq

    /// Applies the comparison to two numbers.
    @inline(__always)
    public func holds(_ a: Float, _ b: Float) -> Bool {
        switch self {
        case .gt: return a > b
        case .lt: return a < b
        case .ge: return a >= b
        case .le: return a <= b
        case .eq: return a == b
        }
    }
}

/// One vocabulary for every operation, shared by the eager tape and the static graph.
///
/// Each case carries every attribute needed to run the operation again on new inputs, so a graph
/// node is just an `Op` plus its input nodes. Shapes are inferred by ``outputShape(for:)`` and the
/// computation itself lives in ``Kernels/forward(_:inputs:output:)``.
/// Dimensions stored in an `Op` are already normalized (never negative).
public enum Op: Hashable, Sendable {
    // Element-wise, each defined once in `Ops/Elementwise/` (``BinaryOp``, ``UnaryOp``).
    /// `a op b` with broadcasting: `+ - * /`.
    case binary(BinaryOp)
    /// One tensor, element by element: the functions (`exp`, `log`, ...) and the ops with a number.
    case unary(UnaryOp)
    // Linear algebra.
    /// Matrix product of 1-D or 2-D tensors (`torch.matmul`).
    case matmul
    /// `x @ weight^T (+ bias)`: inputs `[x, weight]` or `[x, weight, bias]`.
    case linear(hasBias: Bool)
    // Shape.
    /// Swaps two dimensions.
    case transpose(Int, Int)
    /// The same values in a new shape of the same element count.
    case reshape([Int])
    // Reductions (`dim == nil` reduces over all elements).
    /// The sum along `dim` (all elements when nil), keeping it as size 1 when `keepdim`.
    case sum(dim: Int?, keepdim: Bool)
    /// The mean along `dim` (all elements when nil), keeping it as size 1 when `keepdim`.
    case mean(dim: Int?, keepdim: Bool)
    /// The values of the maximum along `dim` (the eager op also returns the indices).
    case max(dim: Int, keepdim: Bool)
    /// Softmax along `dim`.
    case softmax(dim: Int)
    /// The logarithm of softmax along `dim`, computed stably.
    case logSoftmax(dim: Int)
    // Indexing and joining.
    /// `x[i]`: selects index `i` of dimension 0.
    case index(Int)
    /// `x[start..<end]` along `dim`.
    case slice(dim: Int, start: Int, end: Int)
    /// Concatenates its inputs along an existing dimension.
    case cat(dim: Int)
    /// Stacks its inputs along a new dimension.
    case stack(dim: Int)
    // Comparisons (no gradient) and selection.
    /// Compares two tensors element-wise (1 where it holds, else 0).
    case compare(Comparison)
    /// Compares a tensor with a number element-wise (1 where it holds, else 0).
    case compareScalar(Comparison, Float)
    /// `where(condition, a, b)`: inputs `[condition, a, b]`, broadcast together.
    case `where`
    // Losses.
    /// Mean squared error: inputs `[input, target]` of one shape.
    case mseLoss(Reduction)
    /// Cross-entropy of logits `[n, c]` (or `[c]`) against class indices: inputs `[logits, targets]`,
    /// the targets a tensor of `n` class indices held as floats, so a graph takes them as a feed.
    case crossEntropy(Reduction)
    /// Negative log-likelihood of log-probabilities `[n, c]` (or `[c]`) against class indices:
    /// inputs `[logProbs, targets]`, as for ``crossEntropy(_:)``.
    case nllLoss(Reduction)

    /// The PyTorch-style name of the backward node, Swift-named: `MulBackward` for PyTorch's `MulBackward0`.
    public var name: String {
        switch self {
        case .binary(let op): return op.name
        case .unary(let op): return op.name
        case .matmul: return "MmBackward"
        case .linear(let hasBias): return hasBias ? "AddmmBackward" : "MmBackward"
        case .transpose: return "TransposeBackward"
        case .reshape: return "ViewBackward"
        case .sum: return "SumBackward"
        case .mean: return "MeanBackward"
        case .max: return "MaxBackward"
        case .softmax: return "SoftmaxBackward"
        case .logSoftmax: return "LogSoftmaxBackward"
        case .index: return "SelectBackward"
        case .slice: return "SliceBackward"
        case .cat: return "CatBackward"
        case .stack: return "StackBackward"
        case .compare(let c), .compareScalar(let c, _): return c.rawValue.capitalized1 + "Backward"
        case .where: return "WhereBackward"
        case .mseLoss: return "MseLossBackward"
        case .crossEntropy, .nllLoss: return "NllLossBackward"
        }
    }

    /// A short name for pictures and traces: `mul`, `matmul`, `sum`, `crossEntropy`.
    public var label: String {
        switch self {
        case .binary(let op): return op.label
        case .unary(let op): return op.label
        case .matmul: return "matmul"
        case .linear: return "linear"
        case .transpose: return "transpose"
        case .reshape: return "reshape"
        case .sum: return "sum"
        case .mean: return "mean"
        case .max: return "max"
        case .softmax: return "softmax"
        case .logSoftmax: return "logSoftmax"
        case .index: return "index"
        case .slice: return "slice"
        case .cat: return "cat"
        case .stack: return "stack"
        case .compare(let c), .compareScalar(let c, _): return c.rawValue
        case .where: return "where"
        case .mseLoss: return "mseLoss"
        case .crossEntropy: return "crossEntropy"
        case .nllLoss: return "nllLoss"
        }
    }

    /// Whether the op's backward needs tensors saved during the forward pass. PyTorch frees those
    /// after a backward without `retain_graph`, and a second backward through such a node fails;
    /// nodes that save nothing (add, sum, reshape, ...) can be run backward again.
    public var savesTensors: Bool {
        switch self {
        case .binary(let op): return op.savesTensors
        case .unary(let op): return op.savesTensors
        case .transpose, .reshape, .sum, .mean, .index, .slice, .cat, .stack, .compare, .compareScalar:
            return false
        case .matmul, .linear, .max, .softmax, .logSoftmax, .where, .mseLoss, .crossEntropy, .nllLoss:
            return true
        }
    }

    /// Whether the op is differentiable at all (comparisons are not).
    public var isDifferentiable: Bool {
        switch self {
        case .compare, .compareScalar: return false
        default: return true
        }
    }
}

extension Op: CustomStringConvertible {
    /// The label with the op's attributes, e.g. `sum(dim: 1, keepdim: true)` or `mul(2.0)`.
    public var description: String {
        switch self {
        case .unary(let op): return op.description
        case .linear(let hasBias): return "linear(hasBias: \(hasBias))"
        case .transpose(let a, let b): return "transpose(\(a), \(b))"
        case .reshape(let shape): return "reshape(\(shape))"
        case .sum(let dim, let keepdim), .mean(let dim, let keepdim):
            guard let dim else { return label }
            return "\(label)(dim: \(dim), keepdim: \(keepdim))"
        case .max(let dim, let keepdim): return "max(dim: \(dim), keepdim: \(keepdim))"
        case .softmax(let dim), .logSoftmax(let dim): return "\(label)(dim: \(dim))"
        case .index(let i): return "index(\(i))"
        case .slice(let dim, let start, let end): return "slice(dim: \(dim), \(start)..<\(end))"
        case .cat(let dim), .stack(let dim): return "\(label)(dim: \(dim))"
        case .compareScalar(let c, let s): return "\(c.rawValue)(\(s))"
        case .mseLoss(let r): return "mseLoss(\(r))"
        case .crossEntropy(let r): return "crossEntropy(\(r))"
        case .nllLoss(let r): return "nllLoss(\(r))"
        default: return label
        }
    }
}

extension String {
    /// The string with its first character upper-cased (`gt` → `Gt`).
    var capitalized1: String { prefix(1).uppercased() + dropFirst() }
}
