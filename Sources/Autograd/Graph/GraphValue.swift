/// A symbolic value of a ``Graph``: a node whose shape is known and whose data arrives only
/// when the compiled graph runs.
///
/// `GraphValue` offers the eager `Tensor` vocabulary (arithmetic with broadcasting, `matmul`,
/// activations, reductions, the softmax family, losses); each call adds a node and checks
/// shapes at once, so calls are `throws`: `let h = try (x.matmul(w.T) + b).relu()`.
public struct GraphValue {
    /// The graph this value belongs to.
    public let graph: Graph
    /// The node's id in ``Graph/nodes``.
    public let id: Int

    /// Shape of the value, inferred at build time.
    public var shape: [Int] { graph.nodes[id].shape }
    /// The node's display name.
    public var name: String { graph.nodes[id].name }
    /// The node itself.
    var node: Graph.Node { graph.nodes[id] }

    /// Renames the node (for error messages and pictures) and returns it.
    @discardableResult
    public func named(_ name: String) -> GraphValue {
        graph.nodes[id].name = name
        return self
    }
}
