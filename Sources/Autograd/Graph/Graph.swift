/// A static computation graph: declared once, then compiled and run many times.
///
/// Where eager code records a tape while it runs, a `Graph` is built first — from named
/// placeholders (inputs fed at run time), variables (bound to existing tensors such as a
/// module's parameters, so a compiled step can train them) and constants — and only then
/// run. Shapes are inferred while nodes are added, so an impossible graph fails at the line
/// that declares it, before any data flows:
///
/// ```swift
/// let g = Graph()
/// let x = try g.placeholder("x", shape: [16, 6])
/// let w = g.variable(model.inputLayer.weight, name: "inputLayer.weight")
/// let b = g.variable(model.inputLayer.bias, name: "inputLayer.bias")
/// let h = try linear(x, w, b).relu()
/// let step = try g.compile(fetch: [h])
/// let out = try step.run(["x": batch])[0]
/// ```
public final class Graph {
    /// What a node is: an input of the graph or an operation on other nodes.
    enum NodeKind {
        /// An input fed by name on every run.
        case placeholder(String)
        /// A tensor that lives outside the graph (e.g. a parameter); read at the start of every
        /// run, and written by ``Graph/assign(_:_:file:line:)`` at its end.
        case variable(Tensor)
        /// A value fixed when the graph was built.
        case constant(Tensor)
        /// An operation on the node's inputs.
        case op(GraphOp)
    }

    /// One node: its position, the shape inferred when it was added, and a name.
    public struct Node {
        /// Position of the node in ``Graph/nodes``; inputs always have smaller ids.
        public let id: Int
        /// What the node computes.
        let kind: NodeKind
        /// Ids of the nodes it reads, in argument order.
        let inputs: [Int]
        /// Shape of the value, known at build time.
        public let shape: [Int]
        /// Display name (placeholder / variable name, or the op's short name and the id).
        public internal(set) var name: String
    }

    /// Every node, in the order it was added (a topological order).
    public internal(set) var nodes: [Node] = []
    /// Variable updates performed at the end of each run: `(variable id, new value id)`.
    var assignments: [(target: Int, value: Int)] = []
    /// Nodes that update variables in place (``GraphOp/applySGD(_:)``); every compiled run
    /// performs them, after all other nodes.
    var effects: [Int] = []
    /// For a gradient that flows only through `cond` branches: a scalar node that is 1 when one
    /// of them was taken in the run, 0 when none was (eager code would leave `.grad` nil). Read by
    /// ``StaticSGD`` to skip the update, as eager `SGD` does.
    var gradientPresence: [Int: Int] = [:]
    var placeholderIDs: [String: Int] = [:]
    var variableIDs: [ObjectIdentifier: Int] = [:]

    /// Creates an empty graph.
    public init() {}

    /// Names of the placeholders, in declaration order.
    var placeholderNames: [String] {
        nodes.compactMap { if case .placeholder(let name) = $0.kind { return name } else { return nil } }
    }

    /// Declares an input fed by name at run time, with a fixed shape.
    public func placeholder(_ name: String, shape: [Int]) throws -> GraphValue {
        guard placeholderIDs[name] == nil else { throw GraphError.duplicatePlaceholder(name: name) }
        let value = append(.placeholder(name), inputs: [], shape: shape, name: name)
        placeholderIDs[name] = value.id
        return value
    }

    /// Binds a tensor that lives outside the graph (a parameter, a momentum buffer, ...).
    ///
    /// Binding the same tensor twice returns the same node, so a parameter shared by several
    /// layers is one variable and its gradient collects every use.
    public func variable(_ tensor: Tensor, name: String) -> GraphValue {
        if let id = variableIDs[ObjectIdentifier(tensor)] { return GraphValue(graph: self, id: id) }
        let value = append(.variable(tensor), inputs: [], shape: tensor.shape, name: name)
        variableIDs[ObjectIdentifier(tensor)] = value.id
        return value
    }

    /// Binds named parameters (e.g. `model.namedParameters()`) as variables, in order.
    public func variables(_ named: [(name: String, tensor: Tensor)]) -> [GraphValue] {
        named.map { variable($0.tensor, name: $0.name) }
    }

    /// A value fixed at build time (its data is copied now).
    public func constant(_ tensor: Tensor, name: String? = nil) -> GraphValue {
        let copy = Tensor(tensor.elements, shape: tensor.shape)
        return append(.constant(copy), inputs: [], shape: tensor.shape, name: name ?? "const_\(nodes.count)")
    }

    /// A scalar constant (shape `[]`).
    public func constant(_ value: Float, name: String? = nil) -> GraphValue {
        constant(Tensor(value), name: name)
    }

    /// Adds `target ← value` to the end of every run; `target` must be a variable of the same shape.
    ///
    /// The new value is computed from the values every node saw during the run (all reads of
    /// the variable happen before any write), which is what an optimizer step needs.
    public func assign(_ target: GraphValue, _ value: GraphValue,
                       file: String = #filePath, line: Int = #line) throws {
        guard target.graph === self, value.graph === self else {
            throw GraphError.foreignValue(node: target.name, file: file, line: line)
        }
        guard case .variable = nodes[target.id].kind else {
            throw GraphError.badAssignment(target: target.name, reason: "only variables can be assigned")
        }
        guard target.shape == value.shape else {
            throw GraphError.badAssignment(
                target: target.name,
                reason: "value '\(value.name)' has shape \(Shapes.text(value.shape)), the variable has \(Shapes.text(target.shape))")
        }
        assignments.append((target: target.id, value: value.id))
    }

    /// Adds an op node after inferring its shape; a shape error names the node, its inputs and
    /// their shapes, and the source line that declared it.
    func apply(_ op: GraphOp, _ inputs: [GraphValue], file: String, line: Int) throws -> GraphValue {
        let name = "\(op.shortName)_\(nodes.count)"
        for input in inputs where input.graph !== self {
            throw GraphError.foreignValue(node: name, file: file, line: line)
        }
        let shapes = inputs.map(\.shape)
        let shape: [Int]
        do {
            shape = try op.outputShape(for: shapes)
        } catch {
            throw GraphError.shapeMismatch(node: name, inputs: inputs.map(\.name), shapes: shapes,
                                           reason: GraphOp.reason(error), file: file, line: line)
        }
        return append(.op(op), inputs: inputs.map(\.id), shape: shape, name: name)
    }

    /// Adds a node that updates variables in place; compiled runs perform it last.
    func applyEffect(_ op: GraphOp, _ inputs: [GraphValue], file: String, line: Int) throws {
        let value = try apply(op, inputs, file: file, line: line)
        effects.append(value.id)
    }

    /// Adds a node whose shape is already known (used by passes and gradient rules).
    @discardableResult
    func append(_ kind: NodeKind, inputs: [Int], shape: [Int], name: String) -> GraphValue {
        let id = nodes.count
        nodes.append(Node(id: id, kind: kind, inputs: inputs, shape: shape, name: name))
        return GraphValue(graph: self, id: id)
    }
}
