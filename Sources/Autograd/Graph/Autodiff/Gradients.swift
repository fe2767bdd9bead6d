extension Graph {
    /// Builds the gradient of the one-element `loss` with respect to each of `targets` as new
    /// nodes of this graph (symbolic differentiation, like `tf.gradients`), and returns them.
    ///
    /// Only nodes on a path from a target to the loss get gradient nodes; a gradient that
    /// reaches a value along several paths (a weight used by several layers) is summed. The
    /// returned values can be fetched, or fed to an optimizer update (``StaticSGD``) so one
    /// compiled run is a whole training step.
    public func gradients(of loss: GraphValue, wrt targets: [GraphValue],
                          file: String = #filePath, line: Int = #line) throws -> [GraphValue] {
        guard loss.graph === self else { throw GraphError.foreignValue(node: loss.name, file: file, line: line) }
        guard Shapes.count(loss.shape) == 1 else { throw GraphError.nonScalarLoss(node: loss.name, shape: loss.shape) }
        for target in targets {
            guard target.graph === self else { throw GraphError.foreignValue(node: target.name, file: file, line: line) }
            if case .constant = nodes[target.id].kind { throw GraphError.notDifferentiable(node: target.name) }
        }
        let end = loss.id
        // Forward: which nodes depend on a target through differentiable ops.
        var relevant = [Bool](repeating: false, count: end + 1)
        for target in targets where target.id <= end { relevant[target.id] = true }
        for node in nodes[0...end] {
            guard case .op(let op) = node.kind, GradientRules.isDifferentiable(op) else { continue }
            if node.inputs.contains(where: { relevant[$0] }) { relevant[node.id] = true }
        }
        // Backward: from the loss towards the targets, in reverse build order.
        let firstNew = nodes.count
        var grads: [Int: GraphValue] = [end: constant(Tensor(uncheckedData: [Float](repeating: 1, count: Shapes.count(loss.shape)), shape: loss.shape), name: "1")]
        for id in stride(from: end, through: 0, by: -1) {
            guard relevant[id], let upstream = grads[id], case .op(let op) = nodes[id].kind else { continue }
            let inputs = nodes[id].inputs
            let needs = inputs.map { relevant[$0] }
            guard needs.contains(true) else { continue }
            let inputGrads = try GradientRules.vjp(op, node: id, upstream: upstream, needs: needs, in: self)
            for (k, input) in inputs.enumerated() where needs[k] {
                guard let g = inputGrads[k] else { continue }
                grads[input] = try grads[input].map { try $0.add(g, file: file, line: line) } ?? g
            }
        }
        return try targets.map { target in
            guard let g = grads[target.id] else { throw GraphError.unusedVariable(node: target.name) }
            if g.id >= firstNew && !g.name.hasPrefix("grad ") { g.named("grad \(target.name)") }
            return g
        }
    }
}
