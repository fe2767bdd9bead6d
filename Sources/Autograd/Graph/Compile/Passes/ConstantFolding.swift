/// Constant folding: an op whose inputs are all constants is computed once, at compile time,
/// and becomes a constant; a `cond` whose predicate is constant becomes the branch it picks.
/// Constants left without readers are dropped.
enum ConstantFolding {
    static func run(_ program: Program) -> (Program, String) {
        var p = program
        var folded = 0, branches = 0
        var replace: [Int: Int] = [:]
        var orphanCandidates: Set<Int> = []
        for node in p.nodes {
            guard case .op(let op) = node.kind else { continue }
            // Replacement targets are already resolved when recorded, so one lookup suffices.
            let inputs = node.inputs.map { replace[$0] ?? $0 }
            let constants = inputs.compactMap { id -> Tensor? in
                if case .constant(let t) = p.nodes[id].kind { return t } else { return nil }
            }
            if case .cond = op, case .constant(let predicate) = p.nodes[inputs[0]].kind {
                replace[node.id] = predicate.element(0) != 0 ? inputs[1] : inputs[2]
                orphanCandidates.insert(inputs[0])
                branches += 1
                continue
            }
            guard constants.count == inputs.count, !inputs.isEmpty else {
                if inputs != node.inputs { p.replace(node.id, kind: node.kind, inputs: inputs) }
                continue
            }
            let value = GraphKernels.evaluate(op, constants, shape: node.shape)
            p.replace(node.id, kind: .constant(value), inputs: [])
            orphanCandidates.formUnion(inputs)
            folded += 1
        }
        var keep = [Bool](repeating: true, count: p.nodes.count)
        for id in replace.keys { keep[id] = false }
        let resolved = p.rebuilt(keep: keep, replace: replace)
        // Drop constants that only fed folded nodes.
        let uses = resolved.useCounts
        let roots = resolved.roots
        var keepConstants = [Bool](repeating: true, count: resolved.nodes.count)
        let survivors = p.nodes.indices.filter { keep[$0] }
        for (newID, oldID) in survivors.enumerated()
        where orphanCandidates.contains(oldID) && uses[newID] == 0 && !roots.contains(newID) {
            keepConstants[newID] = false
        }
        let dropped = keepConstants.filter { !$0 }.count
        var detail = "folded \(folded) op\(folded == 1 ? "" : "s") into constants"
        if branches > 0 { detail += ", \(branches) cond\(branches == 1 ? "" : "s") with a constant predicate" }
        if dropped > 0 { detail += ", dropped \(dropped) unused constant\(dropped == 1 ? "" : "s")" }
        return (resolved.rebuilt(keep: keepConstants), detail)
    }
}
