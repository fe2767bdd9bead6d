/// What a static-graph node computes: an op of the eager vocabulary, or one of the few
/// graph-only ops that gradients, control flow and compilation need.
public enum GraphOp: Hashable {
    /// An op of the eager vocabulary, run by the same buffer kernels as the tape.
    case eager(Op)
    /// Broadcasts the input to `shape` (backward of a reduction).
    case broadcastTo([Int])
    /// Sums the input down to `shape` (backward of a broadcast).
    case sumTo([Int])
    /// `op(a) @ op(b)` for 2-D `a`, `b`, where `op` transposes when asked (no transpose is
    /// materialized): the backward of `matmul` and `linear`.
    case gemm(transposeA: Bool, transposeB: Bool)
    /// Backward of a one-input element-wise op, from its definition's derivative: inputs
    /// `[upstream]`, or `[saved, upstream]` where `saved` is the op's input or output, as the
    /// definition reads (`[output, upstream]` for `exp`, `[input, upstream]` for `log`).
    case derivative(UnaryOp)
    /// Backward of `softmax(dim:)`: inputs `[output, upstream]`.
    case softmaxGrad(dim: Int)
    /// Backward of `logSoftmax(dim:)`: inputs `[output, upstream]`.
    case logSoftmaxGrad(dim: Int)
    /// Backward of `max(dim:keepdim:)`: inputs `[input, upstream]`.
    case maxGrad(dim: Int, keepdim: Bool)
    /// Backward of `mseLoss` with respect to its input: inputs `[input, target, upstream]`.
    case mseGrad(Reduction)
    /// Backward of `crossEntropy`: inputs `[logits, targets, upstream]`.
    case crossEntropyGrad(Reduction)
    /// Backward of `nllLoss`: inputs `[logProbs, targets, upstream]`.
    case nllGrad(Reduction)
    /// Zeros of `shape` with the input written at `start` along `dim` (backward of slicing).
    case padSlice(shape: [Int], dim: Int, start: Int)
    /// `cond(pred, then, else)`: the `then` value when the scalar `pred` is non-zero, else the
    /// `else` value. Both branches are part of the graph.
    case cond
    /// An in-place SGD step on variables, like TensorFlow's `ApplyMomentum`: inputs
    /// `[parameter, gradient]`, plus the momentum buffer with momentum, plus a first-step flag
    /// with dampening, plus a presence flag when gated. It produces no value (shape `[0]`) and
    /// runs after every other node of a step.
    case applySGD(SGDSettings)
    /// Several nodes merged by the fusion pass into one kernel.
    indirect case fused(FusedKernel)

    /// A short name for node names and pictures.
    public var shortName: String {
        switch self {
        case .eager(let op): return op.label
        case .broadcastTo: return "broadcastTo"
        case .sumTo: return "sumTo"
        case .gemm(let ta, let tb): return "gemm" + (ta ? "T" : "N") + (tb ? "T" : "N")
        case .derivative(let op): return op.label + "Grad"
        case .softmaxGrad: return "softmaxGrad"
        case .logSoftmaxGrad: return "logSoftmaxGrad"
        case .maxGrad: return "maxGrad"
        case .mseGrad: return "mseGrad"
        case .crossEntropyGrad: return "crossEntropyGrad"
        case .nllGrad: return "nllGrad"
        case .padSlice: return "padSlice"
        case .cond: return "cond"
        case .applySGD: return "applySGD"
        case .fused(let kernel): return kernel.label
        }
    }

    /// The shape of the result for inputs of these shapes, or a PyTorch-worded `ShapeError`.
    public func outputShape(for shapes: [[Int]]) throws -> [Int] {
        switch self {
        case .eager(let op):
            return try op.outputShape(for: shapes)
        case .broadcastTo(let shape):
            let result = try Shapes.broadcast(shapes[0], shape)
            guard result == shape else {
                throw ShapeError("The expanded size of the tensor must match the existing size: cannot expand \(Shapes.text(shapes[0])) to \(Shapes.text(shape))")
            }
            return shape
        case .sumTo(let shape):
            guard (try? Shapes.broadcast(shapes[0], shape)) == shapes[0] else {
                throw ShapeError("cannot sum \(Shapes.text(shapes[0])) to \(Shapes.text(shape))")
            }
            return shape
        case let .gemm(ta, tb):
            let (a, b) = (shapes[0], shapes[1])
            guard a.count == 2, b.count == 2 else { throw ShapeError("gemm expects 2-D inputs, got \(Shapes.text(a)) and \(Shapes.text(b))") }
            let (m, k1) = ta ? (a[1], a[0]) : (a[0], a[1])
            let (k2, n) = tb ? (b[1], b[0]) : (b[0], b[1])
            guard k1 == k2 else { throw ShapeError("mat1 and mat2 shapes cannot be multiplied (\(m)x\(k1) and \(k2)x\(n))") }
            return [m, n]
        case .derivative(let op):
            let arity = op.derivativeArity
            guard shapes.count == arity else {
                throw ShapeError("\(shortName) expects \(arity) input\(arity == 1 ? "" : "s"), got \(shapes.count)")
            }
            guard arity == 1 || shapes[0] == shapes[1] else {
                throw ShapeError("gradient shape \(Shapes.text(shapes[1])) does not match \(Shapes.text(shapes[0]))")
            }
            return shapes[0]
        case .softmaxGrad, .logSoftmaxGrad:
            guard shapes[0] == shapes[1] else { throw ShapeError("gradient shape \(Shapes.text(shapes[1])) does not match \(Shapes.text(shapes[0]))") }
            return shapes[0]
        case .maxGrad, .mseGrad, .crossEntropyGrad, .nllGrad:
            return shapes[0]
        case let .padSlice(shape, dim, start):
            guard shapes[0].count == shape.count, dim < shape.count, start + shapes[0][dim] <= shape[dim] else {
                throw ShapeError("cannot place \(Shapes.text(shapes[0])) into \(Shapes.text(shape)) at \(start) along dim \(dim)")
            }
            return shape
        case .cond:
            guard Shapes.count(shapes[0]) == 1 else {
                throw ShapeError("cond needs a predicate with one element, got shape \(Shapes.text(shapes[0]))")
            }
            guard shapes[1] == shapes[2] else {
                throw ShapeError("both branches of cond must have one shape, got \(Shapes.text(shapes[1])) and \(Shapes.text(shapes[2]))")
            }
            return shapes[1]
        case .applySGD(let settings):
            if settings.gated, Shapes.count(shapes[shapes.count - 1]) != 1 {
                throw ShapeError("the presence flag of an SGD update must have one element")
            }
            let shapes = settings.gated ? Array(shapes.dropLast()) : shapes
            guard shapes[0] == shapes[1], shapes.count == 2 || shapes[2] == shapes[0] else {
                throw ShapeError("SGD update of a \(Shapes.text(shapes[0])) parameter got a \(Shapes.text(shapes[1])) gradient")
            }
            return [0]
        case .fused(let kernel):
            return kernel.shape
        }
    }

    /// Whether the node changes variables in place instead of producing a value.
    var hasSideEffects: Bool {
        if case .applySGD = self { return true }
        return false
    }

    /// The reason text of a shape-inference error.
    static func reason(_ error: Error) -> String {
        (error as? ShapeError)?.message ?? String(describing: error)
    }
}

/// The hyperparameters of an SGD step, as `torch.optim.SGD` takes them.
public struct SGDSettings: Hashable, CustomStringConvertible {
    /// The learning rate.
    public let lr: Double
    /// The momentum factor (0: plain SGD).
    public let momentum: Double
    /// The dampening of the momentum.
    public let dampening: Double
    /// The L2 penalty added to the gradient.
    public let weightDecay: Double
    /// Whether to use Nesterov momentum.
    public let nesterov: Bool
    /// Whether the node's last input is a presence flag: when it is 0 the step is skipped, as
    /// eager `SGD` skips a parameter whose `.grad` is nil (its gradient flows only through a
    /// `cond` branch that was not taken).
    public internal(set) var gated = false

    public var description: String {
        var parts = ["lr: \(lr)"]
        if momentum != 0 { parts.append("momentum: \(momentum)") }
        if dampening != 0 { parts.append("dampening: \(dampening)") }
        if weightDecay != 0 { parts.append("weightDecay: \(weightDecay)") }
        if nesterov { parts.append("nesterov") }
        if gated { parts.append("gated") }
        return "applySGD(" + parts.joined(separator: ", ") + ")"
    }

    /// The update these settings describe, the one eager ``SGD`` runs.
    var update: SGDUpdate {
        SGDUpdate(lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay, nesterov: nesterov)
    }
}
