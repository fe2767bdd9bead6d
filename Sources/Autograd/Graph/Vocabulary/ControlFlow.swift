// Control flow as graph operations: what Swift's `if` does in eager code, a static graph
// must declare as a node whose inputs are both possible results.

extension Graph {
    /// `then()` when the one-element `predicate` is non-zero at run time, else `else()`.
    ///
    /// Both branches are built into the graph (and both are computed on every run, as in a
    /// static graph without lazy branches); the predicate only chooses which result flows on.
    ///
    /// Gradients are those of the branch taken, as with Swift's `if` in eager code: where the
    /// gradient leaves the branch not taken, it is replaced by exact zeros (one select node per
    /// value the branch reads from outside), so an infinite or NaN local derivative there — `log`
    /// or `sqrt` of 0, a division by 0 — contributes 0, not `0 · inf = NaN`. (TensorFlow's
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
        let thenStart = nodes.count
        let a = try thenBranch()
        let elseStart = nodes.count
        let b = try elseBranch()
        let end = nodes.count
        let value = try apply(.cond, [predicate, a, b], file: file, line: line)
        branches[value.id] = Branches(predicate: predicate.id, then: thenStart..<elseStart, else: elseStart..<end)
        return value
    }
}

/// The nodes a `cond` built while running its branch closures (by id), and its predicate.
struct Branches {
    let predicate: Int
    let then: Range<Int>
    let `else`: Range<Int>
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
