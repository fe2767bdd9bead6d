/// Adam, computing exactly what PyTorch's `torch.optim.Adam` computes (its single-tensor
/// implementation, without amsgrad); `weightDecay` is the L2 penalty added to the gradient.
///
/// The update is written once, in `Optim/Updates/AdamUpdate.swift`. For each parameter `p` with
/// gradient `g`, its step `t` (counted per parameter) does:
/// ```
/// g = g + weightDecay * p
/// m = m + (1 - β1) * (g - m)                      (PyTorch's lerp)
/// v = β2 * v + (1 - β2) * g * g
/// p = p - lr / (1 - β1^t) * m / (√v / √(1 - β2^t) + eps)
/// ```
/// with the bias corrections computed in double precision, as PyTorch does with its Python floats.
public final class Adam: Optimizer {
    /// The learning rate; may be changed between steps (a schedule).
    public var lr: Double
    /// The decay rates of the first and second moment estimates.
    public let betas: (Double, Double)
    /// Added to the denominator for numerical stability.
    public let eps: Double
    /// The L2 penalty added to the gradient.
    public let weightDecay: Double

    private var list = DistinctParameters()
    /// Each parameter's moments and step count (nil until its first step).
    private var states: [State?] = []

    private final class State {
        let expAvg: StateBuffer
        let expAvgSq: StateBuffer
        var step = 0

        init(count: Int) {
            expAvg = StateBuffer(count: count)
            expAvgSq = StateBuffer(count: count)
        }
    }

    public var parameters: [Tensor] { list.tensors }

    /// An optimizer for `parameters` (de-duplicated by identity), with PyTorch's defaults and checks.
    public init(_ parameters: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
                weightDecay: Double = 0, file: String = #filePath, line: Int = #line) {
        if let problem = Self.invalidArgument(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                                              count: parameters.count) {
            programmerError(problem, file: file, line: line)
        }
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        add(parameters: parameters, file: file, line: line)
    }

    /// PyTorch's message for the first invalid argument, or nil (`!(x >= 0)` also refuses NaN, as
    /// PyTorch's `not 0.0 <= x` does).
    static func invalidArgument(lr: Double, betas: (Double, Double), eps: Double, weightDecay: Double, count: Int) -> String? {
        if !(lr >= 0) { return "Invalid learning rate: \(lr)" }
        if !(eps >= 0) { return "Invalid epsilon value: \(eps)" }
        if !(betas.0 >= 0 && betas.0 < 1) { return "Invalid beta parameter at index 0: \(betas.0)" }
        if !(betas.1 >= 0 && betas.1 < 1) { return "Invalid beta parameter at index 1: \(betas.1)" }
        if !(weightDecay >= 0) { return "Invalid weight_decay value: \(weightDecay)" }
        if count == 0 { return "optimizer got an empty parameter list" }
        return nil
    }

    public func add(parameters: [Tensor], file: String = #filePath, line: Int = #line) {
        let added = list.add(parameters, file: file, line: line)
        states += Array(repeating: nil, count: added)
    }

    public func step() {
        let update = AdamUpdate(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay)
        for (index, parameter) in list.tensors.enumerated() {
            guard let grad = parameter.grad else { continue }
            let state = states[index] ?? State(count: parameter.count)
            states[index] = state
            state.step += 1
            withValues(of: parameter, grad, optimizer: "Adam") { p, g in
                update.apply(to: p, gradient: g, expAvg: state.expAvg.values, expAvgSq: state.expAvgSq.values,
                             step: state.step)
            }
        }
    }
}
