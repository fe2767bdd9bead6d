/// The backward of every graph op, written as new graph nodes: an eager-vocabulary op's
/// ``Op/vjp(_:)`` (the one the tape runs), and the rules of the graph-only ops, against the same
/// ``GradientBuilder``.
enum GradientRules {
    /// Whether gradients flow through the op at all (comparisons carry none).
    static func isDifferentiable(_ op: GraphOp) -> Bool {
        if case .eager(let eager) = op { return eager.isDifferentiable }
        return true
    }

    /// Input gradients of node `id` (nil where `needs` is false or no gradient flows).
    static func vjp(_ op: GraphOp, node id: Int, upstream g: GraphValue, needs: [Bool],
                    in graph: Graph) throws -> [GraphValue?] {
        let b = GraphGradients(graph: graph, node: id, upstream: g, needs: needs)
        switch op {
        case .eager(let eager):
            try eager.vjp(b)
        case .broadcastTo:
            try b.pass(g, to: 0)
        case .sumTo:
            try b.pass(try b.apply(.broadcastTo(b.input(0).shape), g), to: 0)
        case let .gemm(ta, tb):
            // C = op(A) op(B): dA = g op(B)^T (transposed back when A was), dB likewise.
            let (x, y) = (b.input(0), b.input(1))
            let dA = ta ? try b.apply(.gemm(transposeA: tb, transposeB: true), y, g)
                        : try b.apply(.gemm(transposeA: false, transposeB: !tb), g, y)
            let dB = tb ? try b.apply(.gemm(transposeA: true, transposeB: ta), g, x)
                        : try b.apply(.gemm(transposeA: !ta, transposeB: false), x, g)
            try b.pass(dA, to: 0)
            try b.pass(dB, to: 1)
        case .cond:
            // Both branches get the upstream gradient; `gradients(of:wrt:)` replaces it by zeros
            // where it leaves the branch not taken.
            try b.pass(g, to: 1)
            try b.pass(g, to: 2)
        case .derivative, .softmaxGrad, .logSoftmaxGrad,
             .maxGrad, .mseGrad, .crossEntropyGrad, .nllGrad, .padSlice, .applySGD, .fused:
            throw GraphError.noGradientRule(op: op.shortName, node: graph.nodes[id].name)
        }
        return b.results
    }
}
