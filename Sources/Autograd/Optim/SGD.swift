/// Stochastic gradient descent with momentum, weight decay and Nesterov momentum, computing
/// exactly what PyTorch's `torch.optim.SGD` computes (its single-tensor implementation).
///
/// For each parameter `p` with gradient `g`, one ``step()`` does:
/// ```
/// d = g + weightDecay * p
/// buf = d                                          (first step with momentum)
/// buf = momentum * buf + (1 - dampening) * d       (later steps)
/// d = nesterov ? d + momentum * buf : buf          (when momentum ≠ 0)
/// p = p - lr * d
/// ```
public final class SGD: Optimizer {
    /// The learning rate; may be changed between steps (a schedule).
    public var lr: Float
    /// The momentum factor (0: plain SGD).
    public let momentum: Float
    /// The dampening of the momentum.
    public let dampening: Float
    /// The L2 penalty added to the gradient.
    public let weightDecay: Float
    /// Whether to use Nesterov momentum.
    public let nesterov: Bool

    private var list = DistinctParameters()
    /// The momentum buffer of each parameter (nil until its first step with momentum).
    private var momentumBuffers: [StateBuffer?] = []

    public var parameters: [Tensor] { list.tensors }

    /// An optimizer for `parameters` (de-duplicated by identity), with PyTorch's defaults and checks.
    public init(_ parameters: [Tensor], lr: Float, momentum: Float = 0, dampening: Float = 0,
                weightDecay: Float = 0, nesterov: Bool = false, file: String = #filePath, line: Int = #line) {
        if let problem = Self.invalidArgument(lr: lr, momentum: momentum, dampening: dampening,
                                              weightDecay: weightDecay, nesterov: nesterov, count: parameters.count) {
            programmerError(problem, file: file, line: line)
        }
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        add(parameters: parameters, file: file, line: line)
    }

    /// PyTorch's message for the first invalid argument, or nil (`!(x >= 0)` also refuses NaN, as
    /// PyTorch's `not 0.0 <= x` does).
    static func invalidArgument(lr: Float, momentum: Float, dampening: Float, weightDecay: Float, nesterov: Bool,
                                count: Int) -> String? {
        if !(lr >= 0) { return "Invalid learning rate: \(lr)" }
        if !(momentum >= 0) { return "Invalid momentum value: \(momentum)" }
        if !(weightDecay >= 0) { return "Invalid weight_decay value: \(weightDecay)" }
        if nesterov && (momentum <= 0 || dampening != 0) { return "Nesterov momentum requires a momentum and zero dampening" }
        if count == 0 { return "optimizer got an empty parameter list" }
        return nil
    }

    public func add(parameters: [Tensor], file: String = #filePath, line: Int = #line) {
        let added = list.add(parameters, file: file, line: line)
        momentumBuffers += Array(repeating: nil, count: added)
    }

    public func step() {
        for (index, parameter) in list.tensors.enumerated() {
            guard let grad = parameter.grad else { continue }
            guard momentum != 0 else {
                withValues(of: parameter, grad, optimizer: "SGD") { p, g in
                    if weightDecay == 0 {
                        Self.descend(p, g, lr: lr)
                    } else {
                        Self.descend(p, g, lr: lr, weightDecay: weightDecay)
                    }
                }
                continue
            }
            // On the first step the buffer (zeros) becomes the direction itself: 0 * 0 + 1 * d.
            let firstStep = momentumBuffers[index] == nil
            let buffer = momentumBuffers[index] ?? StateBuffer(count: parameter.count)
            momentumBuffers[index] = buffer
            let rule = MomentumRule(lr: lr, momentum: momentum, weightDecay: weightDecay,
                                    bufferDecay: firstStep ? 0 : momentum, keep: firstStep ? 1 : 1 - dampening)
            withValues(of: parameter, grad, optimizer: "SGD") { p, g in
                switch (nesterov, weightDecay != 0) {
                case (false, false): rule.apply(p, g, buffer.values, nesterov: false, decay: false)
                case (false, true): rule.apply(p, g, buffer.values, nesterov: false, decay: true)
                case (true, false): rule.apply(p, g, buffer.values, nesterov: true, decay: false)
                case (true, true): rule.apply(p, g, buffer.values, nesterov: true, decay: true)
                }
            }
        }
    }

    /// `p -= lr * g`.
    private static func descend(_ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>, lr: Float) {
        for i in 0..<p.count { p[i] -= lr * g[i] }
    }

    /// `p -= lr * (g + weightDecay * p)`.
    private static func descend(_ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>, lr: Float,
                                weightDecay: Float) {
        for i in 0..<p.count { p[i] -= lr * (g[i] + weightDecay * p[i]) }
    }
}

/// One momentum step's numbers; `apply` is called with constant flags so each case compiles to its
/// own branch-free loop.
private struct MomentumRule {
    let lr, momentum, weightDecay: Float
    /// What the old buffer is multiplied by (momentum; 0 on the first step).
    let bufferDecay: Float
    /// What the direction is multiplied by (1 - dampening; 1 on the first step).
    let keep: Float

    /// `d = g (+ weightDecay * p)`, `buf = bufferDecay * buf + keep * d`,
    /// `p -= lr * (nesterov ? d + momentum * buf : buf)`.
    @inline(__always)
    func apply(_ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>,
               _ buf: UnsafeMutableBufferPointer<Float>, nesterov: Bool, decay: Bool) {
        for i in 0..<p.count {
            let d = decay ? g[i] + weightDecay * p[i] : g[i]
            let b = bufferDecay * buf[i] + keep * d
            buf[i] = b
            p[i] -= lr * (nesterov ? d + momentum * b : b)
        }
    }
}
