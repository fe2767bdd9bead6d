/// SGD (momentum, dampening, weight decay, Nesterov) built into a static graph as ordinary
/// nodes, so that one compiled run is a whole training step: forward, gradients, update.
///
/// The update follows `torch.optim.SGD`:
/// ```
/// d = g + weightDecay * p
/// buf = d                                      (first step)
/// buf = momentum * buf + (1 - dampening) * d   (later steps)
/// d = nesterov ? d + momentum * buf : buf
/// p = p - lr * d
/// ```
/// The momentum buffers are tensors owned by this object and bound to each graph as variables,
/// so several graphs (say, one per network depth) share one optimizer state, as one eager
/// optimizer would. A parameter absent from a graph is not touched by that graph's step —
/// like PyTorch skipping a parameter whose `.grad` is `None`.
public final class StaticSGD {
    /// The learning rate (fixed into the graph when ``update(_:gradients:file:line:)`` builds it).
    public let lr: Float
    /// The momentum factor (0: plain SGD).
    public let momentum: Float
    /// The dampening of the momentum.
    public let dampening: Float
    /// The L2 penalty added to the gradient.
    public let weightDecay: Float
    /// Whether to use Nesterov momentum.
    public let nesterov: Bool

    private var buffers: [ObjectIdentifier: Tensor] = [:]
    private var started: [ObjectIdentifier: Tensor] = [:]

    /// An optimizer with PyTorch's SGD hyperparameters.
    public init(lr: Float, momentum: Float = 0, dampening: Float = 0, weightDecay: Float = 0, nesterov: Bool = false) {
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    /// The momentum buffer of `parameter` (nil before a graph updating it was built).
    public func momentumBuffer(of parameter: Tensor) -> Tensor? { buffers[ObjectIdentifier(parameter)] }

    /// Adds the update of each parameter (a variable of `graph`) from its gradient, as
    /// assignments run at the end of every step of the compiled graph.
    public func update(_ parameters: [GraphValue], gradients: [GraphValue],
                       file: String = #filePath, line: Int = #line) throws {
        for (p, g) in zip(parameters, gradients) {
            guard case .variable(let tensor) = p.node.kind else {
                throw GraphError.badAssignment(target: p.name, reason: "SGD updates variables only")
            }
            let graph = p.graph
            var d = g
            if weightDecay != 0 { d = try d.add(try p.mulScalar(weightDecay, file, line), file: file, line: line) }
            if momentum != 0 {
                let id = ObjectIdentifier(tensor)
                let storage = buffers[id] ?? Tensor(uncheckedData: [Float](repeating: 0, count: tensor.count), shape: tensor.shape)
                buffers[id] = storage
                let buf = graph.variable(storage, name: "\(p.name).momentum")
                var next: GraphValue
                if dampening == 0 {
                    // buf starts at zero, so momentum * 0 + d is exactly PyTorch's first step.
                    next = try buf.mulScalar(momentum, file, line).add(d, file: file, line: line)
                } else {
                    let flag = started[id] ?? Tensor(0)
                    started[id] = flag
                    let hasStarted = graph.variable(flag, name: "\(p.name).started")
                    let later = try buf.mulScalar(momentum, file, line).add(try d.mulScalar(1 - dampening, file, line), file: file, line: line)
                    next = try graph.cond(hasStarted, then: { later }, else: { d }, file: file, line: line)
                    try graph.assign(hasStarted, graph.constant(1), file: file, line: line)
                }
                try graph.assign(buf, next, file: file, line: line)
                d = nesterov ? try d.add(try next.mulScalar(momentum, file, line), file: file, line: line) : next
            }
            try graph.assign(p, try p.sub(try d.mulScalar(lr, file, line), file: file, line: line), file: file, line: line)
        }
    }
}

extension GraphValue {
    fileprivate func mulScalar(_ s: Float, _ file: String, _ line: Int) throws -> GraphValue {
        try apply(.mulScalar(s), file: file, line: line)
    }
}
