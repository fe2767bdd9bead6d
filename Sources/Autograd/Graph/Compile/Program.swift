/// The graph as the compiler passes see it: nodes in execution order (ids are positions),
/// the fetched outputs, and the variable assignments run at the end of each step.
struct Program {
    var nodes: [Graph.Node]
    var outputs: [Int]
    var assignments: [(target: Int, value: Int)]
    /// Nodes that update variables in place (kept by every pass, run last).
    var effects: [Int]

    /// Ids that must survive every pass: outputs, assignment targets and values, placeholders,
    /// in-place updates.
    var roots: Set<Int> {
        var roots = Set(outputs).union(effects)
        for a in assignments { roots.insert(a.target); roots.insert(a.value) }
        for node in nodes { if case .placeholder = node.kind { roots.insert(node.id) } }
        return roots
    }

    /// Whether each node is needed by an output, an assignment or an in-place update.
    var dependencies: [Bool] {
        var needed = [Bool](repeating: false, count: nodes.count)
        var pending = outputs + effects + assignments.flatMap { [$0.target, $0.value] }
        while let id = pending.popLast() {
            guard !needed[id] else { continue }
            needed[id] = true
            pending += nodes[id].inputs
        }
        return needed
    }

    /// How many times each node is read (by nodes, outputs and assignments).
    var useCounts: [Int] {
        var uses = [Int](repeating: 0, count: nodes.count)
        for node in nodes { for input in node.inputs { uses[input] += 1 } }
        for output in outputs { uses[output] += 1 }
        for a in assignments { uses[a.value] += 1 }
        return uses
    }

    /// The program without the nodes where `keep` is false, with every read of a node `n`
    /// redirected to `replace[n]` (which must be kept and precede its readers), renumbered.
    func rebuilt(keep: [Bool], replace: [Int: Int] = [:]) -> Program {
        func resolve(_ id: Int) -> Int {
            var id = id
            while let next = replace[id], next != id { id = next }
            return id
        }
        var newID = [Int](repeating: -1, count: nodes.count)
        var result: [Graph.Node] = []
        for node in nodes where keep[node.id] {
            newID[node.id] = result.count
            result.append(Graph.Node(id: result.count, kind: node.kind,
                                     inputs: node.inputs.map { newID[resolve($0)] },
                                     shape: node.shape, name: node.name))
        }
        return Program(nodes: result,
                       outputs: outputs.map { newID[resolve($0)] },
                       assignments: assignments.map { (newID[resolve($0.target)], newID[resolve($0.value)]) },
                       effects: effects.map { newID[resolve($0)] })
    }

    /// Replaces node `id` in place (same position, shape and name).
    mutating func replace(_ id: Int, kind: Graph.NodeKind, inputs: [Int]) {
        let old = nodes[id]
        nodes[id] = Graph.Node(id: id, kind: kind, inputs: inputs, shape: old.shape, name: old.name)
    }
}
