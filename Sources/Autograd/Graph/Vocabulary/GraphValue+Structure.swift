// Linear algebra, reductions, the softmax family, shape and indexing ops on symbolic values.

extension GraphValue {
    /// A node applying `op` to this value and `others`.
    func apply(_ op: Op, _ others: [GraphValue] = [], file: String, line: Int) throws -> GraphValue {
        try graph.apply(.eager(op), [self] + others, file: file, line: line)
    }

    /// A dimension index with negative values counted from the end, checked against the rank.
    func dimension(_ dim: Int, rank: Int? = nil, file: String, line: Int, op: String) throws -> Int {
        let r = Swift.max(rank ?? shape.count, 1)
        guard dim >= -r && dim < r else {
            throw GraphError.shapeMismatch(
                node: "\(op)_\(graph.nodes.count)", inputs: [name], shapes: [shape],
                reason: "Dimension out of range (expected to be in range of [\(-r), \(r - 1)], but got \(dim))",
                file: file, line: line)
        }
        return dim < 0 ? dim + r : dim
    }

    /// Matrix product of 1-D or 2-D values, like `torch.matmul`.
    public func matmul(_ other: GraphValue, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.matmul, [other], file: file, line: line)
    }
    /// Swaps two dimensions.
    public func transpose(_ d0: Int, _ d1: Int, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        let a = try dimension(d0, file: file, line: line, op: "transpose")
        let b = try dimension(d1, file: file, line: line, op: "transpose")
        return try apply(.transpose(a, b), file: file, line: line)
    }
    /// The transpose of a 2-D value.
    public var T: GraphValue {
        get throws { try transpose(0, 1, file: "", line: 0) }
    }
    /// The same elements in a new shape (one `-1` is inferred).
    public func reshape(_ shape: Int..., file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try reshape(shape, file: file, line: line)
    }
    /// The same elements in a new shape (one `-1` is inferred).
    public func reshape(_ newShape: [Int], file: String = #filePath, line: Int = #line) throws -> GraphValue {
        let resolved: [Int]
        do {
            resolved = try Shapes.resolve(newShape, for: shape)
        } catch {
            throw GraphError.shapeMismatch(node: "reshape_\(graph.nodes.count)", inputs: [name], shapes: [shape],
                                           reason: error.message, file: file, line: line)
        }
        return try apply(.reshape(resolved), file: file, line: line)
    }

    /// Sum of all elements (shape `[]`).
    public func sum(file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.sum(dim: nil, keepdim: false), file: file, line: line)
    }
    /// Sum along `dim`.
    public func sum(dim: Int, keepdim: Bool = false, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.sum(dim: dimension(dim, file: file, line: line, op: "sum"), keepdim: keepdim), file: file, line: line)
    }
    /// Mean of all elements (shape `[]`).
    public func mean(file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.mean(dim: nil, keepdim: false), file: file, line: line)
    }
    /// Mean along `dim`.
    public func mean(dim: Int, keepdim: Bool = false, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.mean(dim: dimension(dim, file: file, line: line, op: "mean"), keepdim: keepdim), file: file, line: line)
    }
    /// The maximum values along `dim` (a graph carries values only; indices are not a tensor).
    public func max(dim: Int, keepdim: Bool = false, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.max(dim: dimension(dim, file: file, line: line, op: "max"), keepdim: keepdim), file: file, line: line)
    }
    /// Softmax along `dim`.
    public func softmax(dim: Int, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.softmax(dim: dimension(dim, file: file, line: line, op: "softmax")), file: file, line: line)
    }
    /// Log-softmax along `dim`.
    public func logSoftmax(dim: Int, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.logSoftmax(dim: dimension(dim, file: file, line: line, op: "logSoftmax")), file: file, line: line)
    }

    /// `x[i]`: index `i` of dimension 0.
    public func index(_ i: Int, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        let size = shape.first ?? 0
        return try apply(.index(i < 0 ? i + size : i), file: file, line: line)
    }
    /// `x[start..<end]` along `dim`.
    public func slice(dim: Int, start: Int, end: Int, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.slice(dim: dimension(dim, file: file, line: line, op: "slice"), start: start, end: end), file: file, line: line)
    }

    /// Element-wise comparison with another value (1 where it holds, else 0; no gradient).
    public func compare(_ comparison: Comparison, _ other: GraphValue, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.compare(comparison), [other], file: file, line: line)
    }
    /// Element-wise comparison with a number (1 where it holds, else 0; no gradient).
    public func compare(_ comparison: Comparison, _ value: Float, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.compareScalar(comparison, value), file: file, line: line)
    }
    /// `self > value` as 0/1.
    public func gt(_ value: Float, file: String = #filePath, line: Int = #line) throws -> GraphValue { try compare(.gt, value, file: file, line: line) }
    /// `self < value` as 0/1.
    public func lt(_ value: Float, file: String = #filePath, line: Int = #line) throws -> GraphValue { try compare(.lt, value, file: file, line: line) }
    /// `self >= value` as 0/1.
    public func ge(_ value: Float, file: String = #filePath, line: Int = #line) throws -> GraphValue { try compare(.ge, value, file: file, line: line) }
    /// `self <= value` as 0/1.
    public func le(_ value: Float, file: String = #filePath, line: Int = #line) throws -> GraphValue { try compare(.le, value, file: file, line: line) }
    /// `self == value` as 0/1.
    public func eq(_ value: Float, file: String = #filePath, line: Int = #line) throws -> GraphValue { try compare(.eq, value, file: file, line: line) }
}

extension Graph {
    /// Concatenates values along an existing dimension.
    public func cat(_ values: [GraphValue], dim: Int = 0, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        let d = try values[0].dimension(dim, file: file, line: line, op: "cat")
        return try apply(.eager(.cat(dim: d)), values, file: file, line: line)
    }
    /// Stacks values along a new dimension.
    public func stack(_ values: [GraphValue], dim: Int = 0, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        let d = try values[0].dimension(dim, rank: values[0].shape.count + 1, file: file, line: line, op: "stack")
        return try apply(.eager(.stack(dim: d)), values, file: file, line: line)
    }
}

/// `x @ weight^T + bias` on symbolic values (one fused node), like `torch.nn.functional.linear`.
public func linear(_ x: GraphValue, _ weight: GraphValue, _ bias: GraphValue?,
                   file: String = #filePath, line: Int = #line) throws -> GraphValue {
    try x.graph.apply(.eager(.linear(hasBias: bias != nil)), [x, weight] + (bias.map { [$0] } ?? []), file: file, line: line)
}

/// Mean squared error of symbolic values.
public func mseLoss(_ input: GraphValue, _ target: GraphValue, reduction: Reduction = .mean,
                    file: String = #filePath, line: Int = #line) throws -> GraphValue {
    try input.apply(.mseLoss(reduction), [target], file: file, line: line)
}

/// Cross-entropy of symbolic logits against class indices fixed when the graph is built (a
/// constant); pass `targets:` a value (a placeholder) to feed them instead.
public func crossEntropy(_ logits: GraphValue, _ targets: [Int], reduction: Reduction = .mean,
                         file: String = #filePath, line: Int = #line) throws -> GraphValue {
    try crossEntropy(logits, targets: try logits.constant(classIndices: targets, file: file, line: line),
                     reduction: reduction, file: file, line: line)
}

/// Cross-entropy of symbolic logits against `targets`, a value of class indices held as floats
/// (`[n]`): a placeholder feeds each step's labels.
public func crossEntropy(_ logits: GraphValue, targets: GraphValue, reduction: Reduction = .mean,
                         file: String = #filePath, line: Int = #line) throws -> GraphValue {
    try logits.apply(.crossEntropy(reduction), [targets], file: file, line: line)
}

/// Negative log-likelihood of symbolic log-probabilities against class indices fixed when the
/// graph is built (a constant).
public func nllLoss(_ logProbs: GraphValue, _ targets: [Int], reduction: Reduction = .mean,
                    file: String = #filePath, line: Int = #line) throws -> GraphValue {
    try nllLoss(logProbs, targets: try logProbs.constant(classIndices: targets, file: file, line: line),
                reduction: reduction, file: file, line: line)
}

/// Negative log-likelihood of symbolic log-probabilities against `targets`, a value of class
/// indices held as floats (`[n]`).
public func nllLoss(_ logProbs: GraphValue, targets: GraphValue, reduction: Reduction = .mean,
                    file: String = #filePath, line: Int = #line) throws -> GraphValue {
    try logProbs.apply(.nllLoss(reduction), [targets], file: file, line: line)
}

extension GraphValue {
    /// `targets` as a constant of this graph, each checked to be a class of this value's last
    /// dimension.
    func constant(classIndices targets: [Int], file: String, line: Int) throws -> GraphValue {
        let tensor = Tensor(classIndices: targets)
        if let bad = tensor.withUnsafeBufferPointer({ Op.invalidTarget(in: $0, classes: shape.last ?? 1) }) {
            throw GraphError.shapeMismatch(node: "targets_\(graph.nodes.count)", inputs: [name], shapes: [shape],
                                           reason: Op.outOfBounds(bad).message, file: file, line: line)
        }
        return graph.constant(tensor, name: "targets")
    }
}
