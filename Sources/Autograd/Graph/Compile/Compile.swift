/// The optimization passes `compile` can run, in the order they run.
public enum CompilePass: String, CaseIterable, Sendable {
    /// Computes ops whose inputs are all constants once, at compile time.
    case constantFolding = "constant folding"
    /// Merges nodes that compute the same op on the same inputs.
    case commonSubexpressions = "common subexpressions"
    /// Removes nodes no output or assignment depends on.
    case deadCode = "dead code"
    /// Merges chains of element-wise ops into their producer (e.g. `linear+relu`).
    case fusion = "elementwise fusion"
    /// Shares buffers between values whose lifetimes do not overlap.
    case bufferPlanning = "buffer planning"
}

extension Graph {
    /// Compiles the graph for the values in `fetch` (plus every ``assign(_:_:file:line:)``):
    /// runs `passes`, plans buffers, and returns an executable whose ``CompiledGraph/report``
    /// says what each pass did.
    ///
    /// The graph itself is left unchanged, so it can be compiled again with other passes
    /// (e.g. `passes: []` to see the unoptimized step).
    public func compile(fetch: [GraphValue], passes: [CompilePass] = CompilePass.allCases,
                        file: String = #filePath, line: Int = #line) throws -> CompiledGraph {
        for value in fetch where value.graph !== self {
            throw GraphError.foreignValue(node: value.name, file: file, line: line)
        }
        var program = Program(nodes: nodes, outputs: fetch.map(\.id), assignments: assignments, effects: effects)
        var report = CompileReport(nodesIn: program.nodes.count)
        let order: [(CompilePass, (Program) -> (Program, String))] = [
            (.constantFolding, ConstantFolding.run),
            (.commonSubexpressions, CommonSubexpressions.run),
            (.deadCode, DeadCode.run),
            (.fusion, Fusion.run),
        ]
        for (pass, run) in order where passes.contains(pass) {
            let before = program.nodes.count
            let (next, detail) = run(program)
            program = next
            report.passes.append(.init(pass: pass.rawValue, nodesBefore: before, nodesAfter: program.nodes.count, detail: detail))
        }
        let plan = ExecutionPlan(program, planBuffers: passes.contains(.bufferPlanning))
        report.record(plan.memory)
        return CompiledGraph(program: program, plan: plan, report: report)
    }
}
