// Control flow as graph operations: what Swift's `if` does in eager code, a static graph
// must declare as a node whose inputs are both possible results.

extension Graph {
    /// `then()` when the one-element `predicate` is non-zero at run time, else `else()`.
    ///
    /// Both branches are built into the graph (and both are computed on every run, as in a
    /// static graph without lazy branches); the predicate only chooses which result flows on.
    ///
    /// Gradients are those of the branch taken, as with Swift's `if` in eager code: every gradient
    /// contribution that flows only through the branch not taken is replaced by exact zeros (one
    /// select node per such contribution, computed every run), so an infinite or NaN local
    /// derivative there — `log` or `sqrt` of 0, a division by 0, in the branch or in a value only
    /// the branch uses — contributes 0, not `0 · inf = NaN`. (TensorFlow's
    /// `tf.where` and `torch.where`, like ``select(_:_:_:file:line:)`` here, do not mask: a NaN
    /// gradient of the side not chosen leaks through, the well-known `where` trap.) A variable
    /// reached only through branches not taken gets a zero gradient, and ``StaticSGD`` skips its
    /// update for that run, as eager `SGD` skips a parameter whose `.grad` is nil.
    ///
    /// ```swift
    /// let deep = try g.placeholder("deep", shape: [])
    /// let h2 = try g.cond(deep, then: { try linear(h, w, b).relu() }, else: { h })
    /// ```
    public func cond(_ predicate: GraphValue,
                     then thenBranch: () throws -> GraphValue,
                     else elseBranch: () throws -> GraphValue,
                     file: String = #filePath, line: Int = #line) throws -> GraphValue {
        guard Shapes.count(predicate.shape) == 1 else {
            throw GraphError.badPredicate(node: predicate.name, shape: predicate.shape)
        }
        let a = try thenBranch()
        let b = try elseBranch()
        return try apply(.cond, [predicate, a, b], file: file, line: line)
    }
}

/// Element-wise choice: `a` where `condition` is non-zero, `b` elsewhere (all three broadcast),
/// like `torch.where`. Gradients flow to `a` where the condition holds and to `b` elsewhere —
/// computed as `where(condition, g, 0)` times the local derivative, so a NaN or infinite local
/// derivative on the side not chosen still makes a NaN gradient (TensorFlow's and PyTorch's
/// `where` trap; ``Graph/cond(_:then:else:file:line:)`` masks its branches instead).
public func select(_ condition: GraphValue, _ a: GraphValue, _ b: GraphValue,
                   file: String = #filePath, line: Int = #line) throws -> GraphValue {
    try condition.graph.apply(.eager(.where), [condition, a, b], file: file, line: line)
}

/// `torch.where(condition, a, b)` on symbolic values: the same node as ``select(_:_:_:file:line:)``.
public func `where`(_ condition: GraphValue, _ a: GraphValue, _ b: GraphValue,
                    file: String = #filePath, line: Int = #line) throws -> GraphValue {
    try select(condition, a, b, file: file, line: line)
}
