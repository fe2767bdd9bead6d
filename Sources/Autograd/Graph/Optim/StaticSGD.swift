/// SGD (momentum, dampening, weight decay, Nesterov) as part of a static graph, so that one
/// compiled run is a whole training step: forward, gradients, update.
///
/// Each parameter gets one ``GraphOp/applySGD(_:)`` node — an in-place update of the
/// parameter and its momentum buffer, like TensorFlow's `ApplyMomentum` — running the update the
/// eager ``SGD`` runs (one definition, bit for bit the same), which computes what `torch.optim.SGD`
/// computes:
/// ```
/// d = g + weightDecay * p
/// buf = d                                      (first step)
/// buf = momentum * buf + (1 - dampening) * d   (later steps)
/// d = nesterov ? d + momentum * buf : buf
/// p = p - lr * d
/// ```
/// The momentum buffers and first-step flags are tensors owned by this object and bound to
/// each graph as variables, so several graphs — say, one per network depth — share one
/// optimizer state, as one eager optimizer would. A parameter absent from a graph is not
/// touched by that graph's step, like PyTorch skipping a parameter whose `.grad` is `None`; nor is
/// one whose gradient (as returned by ``Graph/gradients(of:wrt:file:line:)``) flows only through
/// `cond` branches the run did not take.
public final class StaticSGD {
    /// The hyperparameters written into the update nodes.
    public let settings: SGDSettings

    private var buffers: [ObjectIdentifier: Tensor] = [:]
    private var started: [ObjectIdentifier: Tensor] = [:]

    /// An optimizer with PyTorch's SGD hyperparameters.
    public init(lr: Double, momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0, nesterov: Bool = false) {
        settings = SGDSettings(lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay, nesterov: nesterov)
    }

    /// Adds an in-place update of each parameter (a variable of its graph) from its gradient;
    /// compiled runs perform the updates after every other node.
    ///
    /// A parameter listed twice (a tied weight from `namedParameters(removeDuplicates: false)`) is
    /// updated once, as the eager ``SGD`` de-duplicates its parameters; listing it twice with two
    /// different gradients, or passing a different number of gradients, is an error.
    public func update(_ parameters: [GraphValue], gradients: [GraphValue],
                       file: String = #filePath, line: Int = #line) throws {
        guard parameters.count == gradients.count else {
            throw GraphError.badAssignment(
                target: parameters.first?.name ?? "(no parameter)",
                reason: "SGD got \(parameters.count) parameters but \(gradients.count) gradients")
        }
        var gradientOf: [Int: Int] = [:]
        for (p, g) in zip(parameters, gradients) {
            guard case .variable(let tensor) = p.node.kind else {
                throw GraphError.badAssignment(target: p.name, reason: "SGD updates variables only")
            }
            if let earlier = gradientOf[p.id] {
                guard earlier == g.id else {
                    throw GraphError.badAssignment(
                        target: p.name, reason: "the parameter is listed twice, with gradients '\(p.graph.nodes[earlier].name)' and '\(g.name)'")
                }
                continue
            }
            gradientOf[p.id] = g.id
            var inputs = [p, g]
            if settings.momentum != 0 {
                let id = ObjectIdentifier(tensor)
                let buffer = buffers[id] ?? Tensor(uncheckedData: [Float](repeating: 0, count: tensor.count), shape: tensor.shape)
                buffers[id] = buffer
                inputs.append(p.graph.variable(buffer, name: "\(p.name).momentum"))
                // The first step copies the direction into the buffer, as eager SGD does.
                let flag = started[id] ?? Tensor(0)
                started[id] = flag
                inputs.append(p.graph.variable(flag, name: "\(p.name).started"))
            }
            // A gradient that flows only through cond branches is absent in runs that take none of
            // them; eager SGD then skips the parameter (its `.grad` is nil), so this update does too.
            var settings = settings
            if let presence = p.graph.gradientPresence[g.id] {
                settings.gated = true
                inputs.append(GraphValue(graph: p.graph, id: presence))
            }
            try p.graph.applyEffect(.applySGD(settings), inputs, file: file, line: line)
        }
    }
}
