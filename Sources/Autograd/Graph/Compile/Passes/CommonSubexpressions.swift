/// Common-subexpression elimination: two nodes computing the same op on the same inputs (or
/// two constants with the same shape and bits) become one.
enum CommonSubexpressions {
    private enum Key: Hashable {
        case op(GraphOp, [Int])
        case constant([Int], [UInt32])
    }

    static func run(_ program: Program) -> (Program, String) {
        var seen: [Key: Int] = [:]
        var replace: [Int: Int] = [:]
        var keep = [Bool](repeating: true, count: program.nodes.count)
        for node in program.nodes {
            let key: Key
            switch node.kind {
            case .op(let op) where op.hasSideEffects: continue
            case .op(let op): key = .op(op, node.inputs.map { replace[$0] ?? $0 })
            case .constant(let t): key = .constant(t.shape, t.elements.map(\.bitPattern))
            case .placeholder, .variable: continue
            }
            if let first = seen[key] {
                replace[node.id] = first
                keep[node.id] = false
            } else {
                seen[key] = node.id
            }
        }
        let merged = replace.count
        return (program.rebuilt(keep: keep, replace: replace),
                "merged \(merged) duplicate\(merged == 1 ? "" : "s")")
    }
}
