extension Graph {
    /// Builds the gradient of the one-element `loss` with respect to each of `targets` as new
    /// nodes of this graph (symbolic differentiation, like `tf.gradients`), and returns them.
    ///
    /// Only nodes on a path from a target to the loss get gradient nodes; a gradient that
    /// reaches a value along several paths (a weight used by several layers) is summed. The
    /// returned values can be fetched, or fed to an optimizer update (``StaticSGD``) so one
    /// compiled run is a whole training step. Through a `cond`, gradients are those of the branch
    /// taken (see ``cond(_:then:else:file:line:)``).
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
        // Backward: from the loss towards the targets, in the order eager `backward()` visits the
        // tape (``backwardOrder(from:relevant:)``). Each gradient also records which cond branches
        // it flows through (``BranchConditions``).
        let firstNew = nodes.count
        var grads: [Int: GraphValue] = [end: constant(Tensor(uncheckedData: [Float](repeating: 1, count: Shapes.count(loss.shape)), shape: loss.shape), name: "1")]
        var conditions: [Int: BranchConditions] = [end: .always]
        for id in backwardOrder(from: end, relevant: relevant) {
            guard let upstream = grads[id], case .op(let op) = nodes[id].kind else { continue }
            let inputs = nodes[id].inputs
            let needs = inputs.map { relevant[$0] }
            guard needs.contains(true) else { continue }
            let inputGrads = try GradientRules.vjp(op, node: id, upstream: upstream, needs: needs, in: self)
            for (k, input) in inputs.enumerated() where needs[k] {
                guard var g = inputGrads[k] else { continue }
                var condition = conditions[id] ?? .always
                if case .cond = op, k > 0 { condition = condition.and(Branch(cond: id, then: k == 1)) }
                // A gradient that exists only when a branch is taken is exactly zero when it is not,
                // whatever the local derivatives (log of 0 in a branch, or in a value only the branch
                // uses): 0 · inf would be NaN, so each such contribution is selected against zeros.
                for branch in condition.common.sorted(by: { $0.cond < $1.cond }) {
                    g = try masked(g, outside: branch)
                }
                grads[input] = try grads[input].map { try $0.add(g, file: file, line: line) } ?? g
                conditions[input] = conditions[input].map { $0.or(condition) } ?? condition
            }
        }
        return try targets.map { target in
            guard let g = grads[target.id] else { throw GraphError.unusedVariable(node: target.name) }
            if g.id >= firstNew && !g.name.hasPrefix("grad ") { g.named("grad \(target.name)") }
            if let condition = conditions[target.id], !condition.isAlways {
                gradientPresence[g.id] = try presence(condition).id
            }
            return g
        }
    }

    /// The op nodes the loss `end` reaches through `relevant` ones, each before the nodes its output
    /// feeds, in the order eager `backward()` runs their grad_fns: the reverse post-order of a
    /// depth-first search from the loss that follows each node's inputs in order (as
    /// `GradFn.postOrder()` does on the tape).
    ///
    /// The order decides how a value used several times sums its gradients: each contribution is
    /// added to the sum so far as its consumer is visited, and float32 addition is not associative.
    /// Reverse build order is also topological, but sums the contributions differently where the
    /// uses form a diamond (seed 408376 of `graph-fuzz`: `v0 - p - p` beside `p.sum()` gave
    /// `(1 - 1/12) - 1/12` = 0.8333334 where eager gives `(-1/12 - 1/12) + 1` = 0.8333333).
    private func backwardOrder(from end: Int, relevant: [Bool]) -> [Int] {
        var postOrder: [Int] = []
        var reached: Set<Int> = [end]
        var stack: [(node: Int, next: Int)] = [(end, 0)]
        while let (node, next) = stack.last {
            let inputs = nodes[node].inputs
            if next == inputs.count {
                postOrder.append(node)
                stack.removeLast()
            } else {
                stack[stack.count - 1].next = next + 1
                let input = inputs[next]
                if relevant[input], case .op = nodes[input].kind, reached.insert(input).inserted {
                    stack.append((input, 0))
                }
            }
        }
        return postOrder.reversed()
    }

    /// `g` where `branch` was taken, zeros where it was not.
    private func masked(_ g: GraphValue, outside branch: Branch) throws -> GraphValue {
        let predicate = GraphValue(graph: self, id: nodes[branch.cond].inputs[0])
        let zeros = constant(Tensor(uncheckedData: [Float](repeating: 0, count: Shapes.count(g.shape)), shape: g.shape), name: "0")
        return try apply(.cond, branch.then ? [predicate, g, zeros] : [predicate, zeros, g], file: "", line: 0)
    }

    /// A scalar that is 1 when the run takes the branches of one of `condition`'s alternatives, else 0.
    private func presence(_ condition: BranchConditions) throws -> GraphValue {
        var any: GraphValue?
        for alternative in condition.alternatives {
            var all: GraphValue?
            for branch in alternative.sorted(by: { ($0.cond, $0.then ? 1 : 0) < ($1.cond, $1.then ? 1 : 0) }) {
                let predicate = GraphValue(graph: self, id: nodes[branch.cond].inputs[0])
                let isZero = try predicate.reshape([]).eq(0, file: "", line: 0)
                let taken = branch.then ? try 1 - isZero : isZero
                all = try all.map { try $0 * taken } ?? taken
            }
            guard let all else { continue }
            any = try any.map { try ($0 + all).clamp(max: 1, file: "", line: 0) } ?? all
        }
        return any ?? constant(1)
    }
}

/// One branch of a `cond`: the cond node and which side.
struct Branch: Hashable {
    let cond: Int
    let then: Bool
}

/// When a gradient is present: in every run (`.always`), or only in runs that take all branches
/// of one of several alternatives (a gradient flowing through cond branches).
struct BranchConditions {
    /// Alternatives (any one suffices), each a set of branches that must all be taken; an empty
    /// alternative means always.
    let alternatives: [Set<Branch>]

    static let always = BranchConditions(alternatives: [[]])

    var isAlways: Bool { alternatives.contains { $0.isEmpty } }

    /// The branches every alternative requires (for these, the gradient is zero when not taken).
    var common: Set<Branch> {
        alternatives.dropFirst().reduce(alternatives.first ?? []) { $0.intersection($1) }
    }

    /// This condition, and also `branch` taken.
    func and(_ branch: Branch) -> BranchConditions {
        BranchConditions(alternatives: alternatives.map { $0.union([branch]) })
    }

    /// This condition or `other`.
    func or(_ other: BranchConditions) -> BranchConditions {
        if isAlways || other.isAlways { return .always }
        var result = alternatives
        for alternative in other.alternatives where !result.contains(alternative) { result.append(alternative) }
        return BranchConditions(alternatives: result)
    }
}
