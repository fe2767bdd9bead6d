/// One `torch.optim.SGD` step of one parameter, written once: the eager ``SGD`` and the static graph's
/// `applySGD` node (``StaticSGD``) both run it.
///
/// For a parameter `p` with gradient `g` it does what PyTorch's single-tensor implementation does:
/// ```
/// d = g + weightDecay * p
/// buf = d                                          (first step with momentum: a copy)
/// buf = momentum * buf + (1 - dampening) * d       (later steps)
/// d = nesterov ? d + momentum * buf : buf          (when momentum ≠ 0)
/// p = p - lr * d
/// ```
/// The hyperparameters are doubles, as PyTorch keeps them (Python floats); PyTorch's kernels round
/// each scalar they are given (`alpha=-lr`, `alpha=1 - dampening`, `mul_(momentum)`) to the tensor's
/// `float` once, after any arithmetic on the doubles, and so does this.
struct SGDUpdate {
    /// The learning rate.
    let lr: Double
    /// The momentum factor (0: plain SGD, no buffer).
    let momentum: Double
    /// The dampening of the momentum.
    let dampening: Double
    /// The L2 penalty added to the gradient.
    let weightDecay: Double
    /// Whether to use Nesterov momentum.
    let nesterov: Bool

    /// Updates `parameter` in place from `gradient` (of the same count). With momentum, `momentumBuffer`
    /// (same count) is updated too; on the parameter's first step (`isFirstStep`) it becomes the
    /// direction itself, whatever it held.
    func apply(to parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
               momentumBuffer: UnsafeMutableBufferPointer<Float>?, isFirstStep: Bool) {
        precondition(gradient.count == parameter.count, "SGD: the gradient's count differs from its parameter's")
        let step = Step(lr: Float(lr), momentum: Float(momentum), keep: Float(1 - dampening),
                        weightDecay: Float(weightDecay))
        let n = parameter.count
        guard n > 0, let p = parameter.baseAddress, let g = gradient.baseAddress else { return }
        guard momentum != 0 else {
            if weightDecay == 0 { step.plain(p, g, n, decay: false) } else { step.plain(p, g, n, decay: true) }
            return
        }
        guard let buffer = momentumBuffer, buffer.count == n, let buf = buffer.baseAddress else {
            preconditionFailure("SGD with momentum needs a momentum buffer of the parameter's count")
        }
        // Constant flags, so that each case compiles to its own branch-free loop.
        switch (isFirstStep, nesterov, weightDecay != 0) {
        case (true, false, false): step.momentum(p, g, buf, n, first: true, nesterov: false, decay: false)
        case (true, false, true): step.momentum(p, g, buf, n, first: true, nesterov: false, decay: true)
        case (true, true, false): step.momentum(p, g, buf, n, first: true, nesterov: true, decay: false)
        case (true, true, true): step.momentum(p, g, buf, n, first: true, nesterov: true, decay: true)
        case (false, false, false): step.momentum(p, g, buf, n, first: false, nesterov: false, decay: false)
        case (false, false, true): step.momentum(p, g, buf, n, first: false, nesterov: false, decay: true)
        case (false, true, false): step.momentum(p, g, buf, n, first: false, nesterov: true, decay: false)
        case (false, true, true): step.momentum(p, g, buf, n, first: false, nesterov: true, decay: true)
        }
    }
}

/// One SGD step's factors, each rounded to `Float` once.
private struct Step {
    let lr, momentum, keep, weightDecay: Float

    /// `p -= lr * (g + weightDecay * p)`, the decay term only when `decay`.
    @inline(__always)
    func plain(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ n: Int, decay: Bool) {
        for i in 0..<n { p[i] -= lr * (decay ? g[i] + weightDecay * p[i] : g[i]) }
    }

    /// `d = g (+ weightDecay * p)`, `buf = first ? d : momentum * buf + keep * d`,
    /// `p -= lr * (nesterov ? d + momentum * buf : buf)`.
    @inline(__always)
    func momentum(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ buf: UnsafeMutablePointer<Float>,
                  _ n: Int, first: Bool, nesterov: Bool, decay: Bool) {
        for i in 0..<n {
            let d = decay ? g[i] + weightDecay * p[i] : g[i]
            let b = first ? d : momentum * buf[i] + keep * d
            buf[i] = b
            p[i] -= lr * (nesterov ? d + momentum * b : b)
        }
    }
}
