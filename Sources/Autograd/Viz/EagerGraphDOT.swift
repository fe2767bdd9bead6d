extension Tensor {
    /// The graph that produced this tensor, walked back through its ``gradFn`` nodes like
    /// torchviz's `make_dot`, as Graphviz DOT text.
    ///
    /// Op nodes carry PyTorch-style names (`AddmmBackward`); leaves that require a gradient are
    /// drawn as blue boxes, labelled with their module names when `params` names them
    /// (`model.namedParameters()`); a leaf read by several ops (a shared weight, or a layer
    /// reused in a loop) is drawn once, with "used ×N". Ids follow the walk from this tensor, so
    /// the same program always gives the same text. Render with `dot -Tsvg`.
    ///
    /// - Parameters:
    ///   - params: names for leaves, e.g. `model.namedParameters()`; unnamed leaves are "leaf".
    ///   - showConstants: also draw inputs that need no gradient (data, targets).
    public func dot(params: [(name: String, tensor: Tensor)] = [], showConstants: Bool = false) -> String {
        var writer = DOTWriter(name: "tensor")
        write(into: &writer, idPrefix: "", params: params, showConstants: showConstants)
        return writer.text
    }

    /// Several tensors' graphs in one picture, side by side, each in a box with its label — to
    /// compare graphs recorded for inputs of different shapes. Each graph is drawn as ``dot(params:showConstants:)``
    /// draws it alone (a parameter read by two graphs appears in both).
    public static func dot(sideBySide graphs: [(label: String, tensor: Tensor)],
                           params: [(name: String, tensor: Tensor)] = [], showConstants: Bool = false) -> String {
        var writer = DOTWriter(name: "tensors")
        for (index, graph) in graphs.enumerated() {
            writer.cluster("g\(index)", label: graph.label) { inner in
                graph.tensor.write(into: &inner, idPrefix: "g\(index)_", params: params, showConstants: showConstants)
            }
        }
        return writer.text
    }

    /// Adds this tensor's graph to `writer`, every node id starting with `idPrefix`.
    private func write(into writer: inout DOTWriter, idPrefix: String,
                       params: [(name: String, tensor: Tensor)], showConstants: Bool) {
        var names: [ObjectIdentifier: String] = [:]
        for (name, tensor) in params where names[ObjectIdentifier(tensor)] == nil { names[ObjectIdentifier(tensor)] = name }

        // Walk from the root, numbering op nodes and leaves in the order they are first reached.
        var opIDs: [ObjectIdentifier: String] = [:]
        var leafIDs: [ObjectIdentifier: String] = [:]
        var ops: [GradFn] = []
        var leaves: [Tensor] = []
        var uses: [ObjectIdentifier: Int] = [:]
        var edges: [(String, String)] = []
        var stack: [GradFn] = []
        func visit(_ fn: GradFn) -> String {
            if let id = opIDs[ObjectIdentifier(fn)] { return id }
            let id = idPrefix + "op\(ops.count)"
            opIDs[ObjectIdentifier(fn)] = id
            ops.append(fn)
            stack.append(fn)
            return id
        }
        let rootID = idPrefix + "out"
        if let fn = gradFn { edges.append((visit(fn), rootID)) }
        while let fn = stack.popLast() {
            let target = opIDs[ObjectIdentifier(fn)]!
            for input in fn.inputs {
                if let inner = input.gradFn {
                    edges.append((visit(inner), target))
                } else if input.requiresGrad || showConstants {
                    let key = ObjectIdentifier(input)
                    if leafIDs[key] == nil { leafIDs[key] = idPrefix + "leaf\(leaves.count)"; leaves.append(input) }
                    uses[key, default: 0] += 1
                    edges.append((leafIDs[key]!, target))
                }
            }
        }

        writer.node(rootID, [("label", "output\n\(Shapes.text(shape))"), ("shape", "box"),
                             ("style", "filled"), ("fillcolor", "#d3f0d3")])
        for (i, fn) in ops.enumerated() {
            writer.node(idPrefix + "op\(i)", [("label", fn.op.name), ("shape", "box"), ("style", "rounded,filled"), ("fillcolor", "#e8e8e8")])
        }
        for (i, leaf) in leaves.enumerated() {
            let key = ObjectIdentifier(leaf)
            var label = names[key] ?? (leaf.requiresGrad ? "leaf" : "constant")
            label += "\n" + Shapes.text(leaf.shape)
            if let n = uses[key], n > 1 { label += "\nused ×\(n)" }
            let fill = leaf.requiresGrad ? "#cfe2ff" : "#f4f4f4"
            writer.node(idPrefix + "leaf\(i)", [("label", label), ("shape", "box"), ("style", "filled"), ("fillcolor", fill)])
        }
        for (from, to) in edges { writer.edge(from, to) }
    }
}
