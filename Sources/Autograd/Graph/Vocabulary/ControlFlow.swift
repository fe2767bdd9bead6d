// Control flow as graph operations: what Swift's `if` does in eager code, a static graph
// must declare as a node whose inputs are both possible results.

extension Graph {
    /// `then()` when the one-element `predicate` is non-zero at run time, else `else()`.
    ///
    /// Both branches are built into the graph (and both are computed on every run, as in a
    /// static graph without lazy branches); the predicate only chooses which result flows on.
    /// Gradients flow through the branch that was taken: the other receives zeros.
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
/// like `torch.where`. Gradients flow to `a` where the condition holds and to `b` elsewhere.
public func select(_ condition: GraphValue, _ a: GraphValue, _ b: GraphValue,
                   file: String = #filePath, line: Int = #line) throws -> GraphValue {
    try condition.graph.apply(.eager(.where), [condition, a, b], file: file, line: line)
}

/// `torch.where(condition, a, b)` on symbolic values: the same node as ``select(_:_:_:file:line:)``.
public func `where`(_ condition: GraphValue, _ a: GraphValue, _ b: GraphValue,
                    file: String = #filePath, line: Int = #line) throws -> GraphValue {
    try select(condition, a, b, file: file, line: line)
}
