extension Graph {
    /// The graph as Graphviz DOT text: placeholders (yellow), variables (blue), constants
    /// (grey), ops (rounded boxes with their output shapes); fetched values have a bold
    /// border; assignments and in-place updates are dashed edges back to their variables. Node ids are the node
    /// positions, so the text is the same on every run. Render with `dot -Tsvg`.
    ///
    /// - Parameter fetch: values to mark as outputs.
    public func dot(fetch: [GraphValue] = []) -> String {
        StaticGraphDOT.render(nodes: nodes, outputs: fetch.map(\.id), assignments: assignments, name: "graph")
    }
}

extension CompiledGraph {
    /// The optimized graph as Graphviz DOT text, drawn like ``Graph/dot(fetch:)``; each fused
    /// node is a dashed cluster labelled `fused: linear+relu` holding the ops it merged.
    public func dot() -> String {
        StaticGraphDOT.render(nodes: nodes, outputs: outputs, assignments: program.assignments, name: "compiled")
    }
}

/// Drawing of static-graph nodes, shared by the graph and its compiled form.
enum StaticGraphDOT {
    static func render(nodes: [Graph.Node], outputs: [Int], assignments: [(target: Int, value: Int)],
                       name: String) -> String {
        var writer = DOTWriter(name: name)
        let fetched = Set(outputs)
        /// The DOT id that carries node `id`'s value (the last member of a fused cluster).
        var exit: [Int: String] = [:]
        /// Edges whose source is either a node (resolved to its exit once all are drawn) or a DOT id.
        enum Source { case node(Int), id(String) }
        var edges: [(Source, String)] = []
        for node in nodes {
            let id = "n\(node.id)"
            var attributes = style(node)
            if fetched.contains(node.id) { attributes.append(("penwidth", "2.5")) }
            guard case .op(.fused(let kernel)) = node.kind else {
                writer.node(id, attributes)
                exit[node.id] = id
                edges += node.inputs.map { (.node($0), id) }
                continue
            }
            // A fused node: its head and steps as a chain inside one cluster.
            let members = [kernel.head] + kernel.steps.map(\.op)
            let memberIDs = members.indices.map { "\(id)_\($0)" }
            writer.cluster(id, label: "fused: \(kernel.label)") { inner in
                for (k, op) in members.enumerated() {
                    let label = opLabel(op) + (k == members.count - 1 ? "\n" + Shapes.text(node.shape) : "")
                    var a: [(String, String)] = [("label", label), ("shape", "box"), ("style", "rounded,filled"), ("fillcolor", "#e6ddf7")]
                    if k == members.count - 1 && fetched.contains(node.id) { a.append(("penwidth", "2.5")) }
                    inner.node(memberIDs[k], a)
                }
            }
            for input in node.inputs[0..<kernel.headArity] { edges.append((.node(input), memberIDs[0])) }
            for (k, step) in kernel.steps.enumerated() {
                edges.append((.id(memberIDs[k]), memberIDs[k + 1]))
                if case let .binary(_, input, _) = step { edges.append((.node(node.inputs[input]), memberIDs[k + 1])) }
            }
            exit[node.id] = memberIDs.last!
        }
        for (from, to) in edges {
            switch from {
            case .node(let input): writer.edge(exit[input]!, to)
            case .id(let id): writer.edge(id, to)
            }
        }
        for node in nodes {
            guard case .op(.applySGD) = node.kind else { continue }
            for updated in [node.inputs[0]] + (node.inputs.count > 2 ? [node.inputs[2]] : []) {
                writer.edge("n\(node.id)", "n\(updated)", [("style", "dashed"), ("label", "update"), ("constraint", "false")])
            }
        }
        for a in assignments {
            writer.edge(exit[a.value]!, "n\(a.target)", [("style", "dashed"), ("label", "assign"), ("constraint", "false")])
        }
        return writer.text
    }

    private static func style(_ node: Graph.Node) -> [(String, String)] {
        let shape = Shapes.text(node.shape)
        switch node.kind {
        case .placeholder(let name):
            return [("label", "\(name)\n\(shape)"), ("shape", "ellipse"), ("style", "filled"), ("fillcolor", "#fff3c4")]
        case .variable:
            return [("label", "\(node.name)\n\(shape)"), ("shape", "box"), ("style", "filled"), ("fillcolor", "#cfe2ff")]
        case .constant(let t):
            let label = t.count == 1 ? constantText(t.element(0)) : "\(node.name)\n\(shape)"
            return [("label", label), ("shape", "box"), ("style", "filled"), ("fillcolor", "#f0f0f0")]
        case .op(.applySGD(let settings)):
            return [("label", settings.description), ("shape", "box"), ("style", "rounded,filled"), ("fillcolor", "#fde2e2")]
        case .op(let op):
            return [("label", "\(opLabel(op))\n\(shape)"), ("shape", "box"), ("style", "rounded,filled"), ("fillcolor", "#e8e8e8")]
        }
    }

    /// The op with its attributes (`mul(0.9)`, `sum(dim: 1, keepdim: false)`).
    private static func opLabel(_ op: GraphOp) -> String {
        if case .eager(let eager) = op { return eager.description }
        return op.shortName
    }

    private static func constantText(_ v: Float) -> String {
        v == v.rounded() && Swift.abs(v) < 1e6 ? String(Int(v)) : "\(v)"
    }
}
