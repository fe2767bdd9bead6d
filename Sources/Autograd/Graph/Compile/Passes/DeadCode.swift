/// Dead-code elimination: nodes that no output, assignment or placeholder depends on are
/// removed (e.g. the untaken branch of a folded `cond`, or values nobody fetches).
enum DeadCode {
    static func run(_ program: Program) -> (Program, String) {
        var live = [Bool](repeating: false, count: program.nodes.count)
        for id in program.roots { live[id] = true }
        for node in program.nodes.reversed() where live[node.id] {
            for input in node.inputs { live[input] = true }
        }
        let removed = live.filter { !$0 }.count
        return (program.rebuilt(keep: live), "removed \(removed) unused node\(removed == 1 ? "" : "s")")
    }
}
