/// The backward of every graph op, written as new graph nodes: given the upstream gradient of
/// a node's output, the gradients of its inputs (vector–Jacobian products).
enum GradientRules {
    /// Whether gradients flow through the op at all (comparisons carry none).
    static func isDifferentiable(_ op: GraphOp) -> Bool {
        if case .eager(let eager) = op { return eager.isDifferentiable }
        return true
    }

    /// Input gradients of node `id` (nil where `needs` is false or no gradient flows).
    static func vjp(_ op: GraphOp, node id: Int, upstream g: GraphValue, needs: [Bool],
                    in graph: Graph) throws -> [GraphValue?] {
        let node = graph.nodes[id]
        let x = node.inputs.map { GraphValue(graph: graph, id: $0) }
        let out = GraphValue(graph: graph, id: id)
        func make(_ op: GraphOp, _ inputs: GraphValue...) throws -> GraphValue {
            try graph.apply(op, inputs, file: "", line: 0)
        }
        func e(_ op: Op, _ inputs: GraphValue...) throws -> GraphValue {
            try graph.apply(.eager(op), inputs, file: "", line: 0)
        }
        /// Sums a broadcast gradient back to the input's shape.
        func unbroadcast(_ v: GraphValue, to shape: [Int]) throws -> GraphValue {
            v.shape == shape ? v : try make(.sumTo(shape), v)
        }
        func reshaped(_ v: GraphValue, _ shape: [Int]) throws -> GraphValue {
            v.shape == shape ? v : try e(.reshape(shape), v)
        }
        let zero = { graph.constant(0, name: "0") }

        switch op {
        case .eager(let eager):
            switch eager {
            case .binary(let op):
                let builder = GraphGradients(graph: graph, node: id, upstream: g, needs: needs)
                try op.vjp(builder)
                return builder.results
            case .unary(let op):
                switch op.derivativeInput {
                case .none: return [g]
                case .gradient: return [try make(.derivative(op), g)]
                case .input: return [try make(.derivative(op), x[0], g)]
                case .output: return [try make(.derivative(op), out, g)]
                }
            case .matmul:
                return try matmulGrads(x[0], x[1], g, needs: needs, make: make, reshaped: reshaped)
            case .linear(let hasBias):
                let weight = x[1]
                let (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1])
                let g2 = try reshaped(g, [Shapes.count(g.shape) / max(outFeatures, 1), outFeatures])
                let x2 = try reshaped(x[0], [Shapes.count(x[0].shape) / max(inFeatures, 1), inFeatures])
                var result: [GraphValue?] = [
                    needs[0] ? try reshaped(try make(.gemm(transposeA: false, transposeB: false), g2, weight), x[0].shape) : nil,
                    needs[1] ? try make(.gemm(transposeA: true, transposeB: false), g2, x2) : nil,
                ]
                if hasBias { result.append(needs[2] ? try unbroadcast(g, to: x[2].shape) : nil) }
                return result
            case .transpose(let a, let b):
                return [try e(.transpose(a, b), g)]
            case .reshape:
                return [try reshaped(g, x[0].shape)]
            case let .sum(dim, keepdim), let .mean(dim, keepdim):
                var kept = g
                if let dim, !keepdim {
                    var shape = x[0].shape
                    shape[dim] = 1
                    kept = try reshaped(g, shape)
                }
                let spread = try make(.broadcastTo(x[0].shape), kept)
                guard case .mean = eager else { return [spread] }
                let n = dim.map { x[0].shape[$0] } ?? Shapes.count(x[0].shape)
                return [try e(.divScalar(Float(n)), spread)]
            case let .max(dim, keepdim):
                return [try make(.maxGrad(dim: dim, keepdim: keepdim), x[0], g)]
            case .softmax(let dim):
                return [try make(.softmaxGrad(dim: dim), out, g)]
            case .logSoftmax(let dim):
                return [try make(.logSoftmaxGrad(dim: dim), out, g)]
            case .index(let i):
                return [try make(.padSlice(shape: x[0].shape, dim: 0, start: i), try reshaped(g, [1] + g.shape))]
            case let .slice(dim, start, _):
                return [try make(.padSlice(shape: x[0].shape, dim: dim, start: start), g)]
            case .cat(let dim):
                var offset = 0
                return try x.enumerated().map { k, input in
                    defer { offset += input.shape[dim] }
                    return needs[k] ? try e(.slice(dim: dim, start: offset, end: offset + input.shape[dim]), g) : nil
                }
            case .stack(let dim):
                return try x.enumerated().map { k, input in
                    needs[k] ? try reshaped(try e(.slice(dim: dim, start: k, end: k + 1), g), input.shape) : nil
                }
            case .where:
                let z = zero()
                return [nil,
                        needs[1] ? try unbroadcast(try e(.where, x[0], g, z), to: x[1].shape) : nil,
                        needs[2] ? try unbroadcast(try e(.where, x[0], z, g), to: x[2].shape) : nil]
            case .mseLoss(let reduction):
                let dInput = try make(.mseGrad(reduction), x[0], x[1], g)
                return [dInput, needs[1] ? try e(.neg, dInput) : nil]
            case let .crossEntropy(targets, reduction):
                return [try make(.crossEntropyGrad(targets: targets, reduction), x[0], g)]
            case let .nllLoss(targets, reduction):
                return [try make(.nllGrad(targets: targets, reduction), x[0], g)]
            case .compare, .compareScalar:
                return x.map { _ in nil }
            }
        case .broadcastTo:
            return [try unbroadcast(g, to: x[0].shape)]
        case .sumTo:
            return [try make(.broadcastTo(x[0].shape), g)]
        case let .gemm(ta, tb):
            // C = op(A) op(B): dA = g op(B)^T (transposed back when A was), dB likewise.
            let dA = ta ? try make(.gemm(transposeA: tb, transposeB: true), x[1], g)
                        : try make(.gemm(transposeA: false, transposeB: !tb), g, x[1])
            let dB = tb ? try make(.gemm(transposeA: true, transposeB: ta), g, x[0])
                        : try make(.gemm(transposeA: !ta, transposeB: false), x[0], g)
            return [needs[0] ? dA : nil, needs[1] ? dB : nil]
        case .cond:
            // Both branches get the upstream gradient; `gradients(of:wrt:)` replaces it by zeros
            // where it leaves the branch not taken.
            return [nil, needs[1] ? g : nil, needs[2] ? g : nil]
        case .derivative, .softmaxGrad, .logSoftmaxGrad,
             .maxGrad, .mseGrad, .crossEntropyGrad, .nllGrad, .padSlice, .applySGD, .fused:
            throw GraphError.noGradientRule(op: op.shortName, node: node.name)
        }
    }

    /// `matmul` of 1-D or 2-D values: both gradients as `gemm`s on 2-D views.
    private static func matmulGrads(_ a: GraphValue, _ b: GraphValue, _ g: GraphValue, needs: [Bool],
                                    make: (GraphOp, GraphValue...) throws -> GraphValue,
                                    reshaped: (GraphValue, [Int]) throws -> GraphValue) throws -> [GraphValue?] {
        let a2 = try reshaped(a, a.shape.count == 1 ? [1, a.shape[0]] : a.shape)
        let b2 = try reshaped(b, b.shape.count == 1 ? [b.shape[0], 1] : b.shape)
        let g2 = try reshaped(g, [a2.shape[0], b2.shape[1]])
        return [
            needs[0] ? try reshaped(try make(.gemm(transposeA: false, transposeB: true), g2, b2), a.shape) : nil,
            needs[1] ? try reshaped(try make(.gemm(transposeA: true, transposeB: false), a2, g2), b.shape) : nil,
        ]
    }
}
