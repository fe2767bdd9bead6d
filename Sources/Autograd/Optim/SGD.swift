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

    private var list = ParameterList()
    /// The momentum buffer of each parameter (nil until its first step with momentum).
    private var momentumBuffers: [StateBuffer?] = []

    public var parameters: [Tensor] { list.tensors }

    /// An optimizer for `parameters` (de-duplicated by identity), with PyTorch's defaults and checks.
    public init(_ parameters: [Tensor], lr: Float, momentum: Float = 0, dampening: Float = 0,
                weightDecay: Float = 0, nesterov: Bool = false, file: String = #filePath, line: Int = #line) {
        checkHyperparameter(lr >= 0, "Invalid learning rate: \(lr)", file: file, line: line)
        checkHyperparameter(momentum >= 0, "Invalid momentum value: \(momentum)", file: file, line: line)
        checkHyperparameter(weightDecay >= 0, "Invalid weight_decay value: \(weightDecay)", file: file, line: line)
        checkHyperparameter(!nesterov || (momentum > 0 && dampening == 0),
                            "Nesterov momentum requires a momentum and zero dampening", file: file, line: line)
        checkHyperparameter(!parameters.isEmpty, "optimizer got an empty parameter list", file: file, line: line)
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        add(parameters: parameters, file: file, line: line)
    }

    public func add(parameters: [Tensor], file: String = #filePath, line: Int = #line) {
        let added = list.add(parameters, file: file, line: line)
        momentumBuffers += Array(repeating: nil, count: added)
    }

    public func step() {
        for (index, parameter) in list.tensors.enumerated() {
            guard let grad = parameter.grad else { continue }
            var buffer: StateBuffer?
            var firstStep = false
            if momentum != 0 {
                firstStep = momentumBuffers[index] == nil
                if firstStep { momentumBuffers[index] = StateBuffer(count: parameter.count) }
                buffer = momentumBuffers[index]
            }
            withValues(of: parameter, grad, optimizer: "SGD") { p, g in
                if let buffer {
                    updateWithMomentum(p, g, buffer.values, firstStep: firstStep)
                } else {
                    update(p, g)
                }
            }
        }
    }

    /// `p -= lr * (g + weightDecay * p)`.
    private func update(_ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>) {
        let (lr, weightDecay) = (lr, weightDecay)
        if weightDecay == 0 {
            for i in 0..<p.count { p[i] -= lr * g[i] }
        } else {
            for i in 0..<p.count { p[i] -= lr * (g[i] + weightDecay * p[i]) }
        }
    }

    /// The update through the momentum buffer `buf` (set to the first direction on the first step).
    private func updateWithMomentum(_ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>,
                                    _ buf: UnsafeMutableBufferPointer<Float>, firstStep: Bool) {
        let (lr, momentum, weightDecay, nesterov) = (lr, momentum, weightDecay, nesterov)
        let keep = 1 - dampening
        for i in 0..<p.count {
            let d = weightDecay == 0 ? g[i] : g[i] + weightDecay * p[i]
            buf[i] = firstStep ? d : momentum * buf[i] + keep * d
            p[i] -= lr * (nesterov ? d + momentum * buf[i] : buf[i])
        }
    }
}
