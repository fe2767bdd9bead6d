/// Stochastic gradient descent with momentum, weight decay and Nesterov momentum, computing
/// exactly what PyTorch's `torch.optim.SGD` computes (its single-tensor implementation).
///
/// The hyperparameters are doubles, as PyTorch's are Python floats. The update is written once
/// (`Optim/Updates/SGDUpdate.swift`), and the static graph's ``StaticSGD`` runs it too. For each
/// parameter `p` with gradient `g`, one ``step()`` does:
/// ```
/// d = g + weightDecay * p
/// buf = d                                          (first step with momentum)
/// buf = momentum * buf + (1 - dampening) * d       (later steps)
/// d = nesterov ? d + momentum * buf : buf          (when momentum ≠ 0)
/// p = p - lr * d
/// ```
public final class SGD: Optimizer {
    /// The learning rate; may be changed between steps (a schedule).
    public var lr: Double
    /// The momentum factor (0: plain SGD).
    public let momentum: Double
    /// The dampening of the momentum.
    public let dampening: Double
    /// The L2 penalty added to the gradient.
    public let weightDecay: Double
    /// Whether to use Nesterov momentum.
    public let nesterov: Bool

    private var list = DistinctParameters()
    /// The momentum buffer of each parameter (nil until its first step with momentum).
    private var momentumBuffers: [StateBuffer?] = []

    public var parameters: [Tensor] { list.tensors }

    /// An optimizer for `parameters` (de-duplicated by identity), with PyTorch's defaults and checks.
    public init(_ parameters: [Tensor], lr: Double, momentum: Double = 0, dampening: Double = 0,
                weightDecay: Double = 0, nesterov: Bool = false, file: String = #filePath, line: Int = #line) {
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
    static func invalidArgument(lr: Double, momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool,
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
        let update = SGDUpdate(lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay,
                               nesterov: nesterov)
        for (index, parameter) in list.tensors.enumerated() {
            guard let grad = parameter.grad else { continue }
            var buffer: StateBuffer?
            let isFirstStep = momentum != 0 && momentumBuffers[index] == nil
            if momentum != 0 {
                buffer = momentumBuffers[index] ?? StateBuffer(count: parameter.count)
                momentumBuffers[index] = buffer
            }
            withValues(of: parameter, grad, optimizer: "SGD") { p, g in
                update.apply(to: p, gradient: g, momentumBuffer: buffer?.values, isFirstStep: isFirstStep)
            }
        }
    }
}
