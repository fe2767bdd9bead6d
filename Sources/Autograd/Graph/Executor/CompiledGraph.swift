/// A compiled static graph: a fixed list of kernels over one preallocated arena.
///
/// Every computed value has its place in the arena, decided at compile time (by liveness when
/// buffer planning ran). Feeds and variables are not copied: kernels read the fed tensors' and
/// the bound tensors' own storage, and in-place updates (``StaticSGD``) write the variables'
/// storage. A run points the kernels at that storage, runs them, copies out the fetched values,
/// then performs the in-place updates and the assignments — so a fetched variable shows the value
/// the step computed with, as eager code that prints a parameter before `optimizer.step()` does.
/// Not safe to run from two threads at once.
public final class CompiledGraph {
    /// What the passes and the buffer plan did.
    public let report: CompileReport
    /// The optimized nodes, in execution order (fused nodes carry their ``FusedKernel``).
    public var nodes: [Graph.Node] { program.nodes }
    /// Ids (in ``nodes``) of the fetched values.
    public var outputs: [Int] { program.outputs }

    let program: Program
    /// Where every value lives and the kernels in order, decided at compile time; a run pins the
    /// variables' and feeds' storage for its duration and resolves the plan's slots to it.
    let plan: ExecutionPlan
    /// The tensors bound to the plan's variables, in its order.
    private let variables: [Tensor]
    /// The constants, then the planned buffers of the computed values.
    private var arena: [Float]

    init(program: Program, plan: ExecutionPlan, report: CompileReport) {
        self.program = program
        self.plan = plan
        self.report = report
        variables = plan.variables.map { id in
            guard case .variable(let tensor) = program.nodes[id].kind else { preconditionFailure("node \(id) is not a variable") }
            return tensor
        }
        // At least one element, so that every output, even an empty one, has an address.
        var arena = [Float](repeating: 0, count: max(plan.arenaCount, 1))
        for id in plan.constants {
            guard case .constant(let tensor) = program.nodes[id].kind, case .arena(let range) = plan.slots[id] else {
                preconditionFailure("node \(id) is not a constant in the arena")
            }
            tensor.withUnsafeBufferPointer { arena.replaceSubrange(range, with: $0) }
        }
        self.arena = arena
    }

    /// Runs one step with `feeds` (placeholder name → tensor) and returns the fetched values.
    ///
    /// Throws, before running anything, when a feed names no placeholder, a placeholder that a
    /// fetched value, an assignment or an update depends on has no feed, or a feed's shape differs
    /// from the placeholder's. Other placeholders may be left out (nodes that read them, kept
    /// when dead code elimination did not run, then see zeros; nothing returned depends on them).
    @discardableResult
    public func run(_ feeds: [String: Tensor] = [:]) throws -> [Tensor] {
        let fed = try fedArrays(feeds)
        return arena.withUnsafeMutableBufferPointer { arena in
            RunStorage.pinning(variables, fed, arena: arena) { storage in
                var calls = KernelCalls()
                for step in plan.steps { calls.run(step, storage) }
                let results = plan.fetches.map(storage.copy)
                for step in plan.updates { calls.run(step, storage) }
                for assignment in plan.assignments { storage.assign(assignment) }
                return results
            }
        }
    }

    /// The elements fed to each placeholder (zeros for one that may be left out), checked against
    /// the placeholders.
    ///
    /// The arrays are held (not read through their tensors), so a tensor that is both fed and
    /// updated as a variable is copied on write instead of read while written.
    private func fedArrays(_ feeds: [String: Tensor]) throws -> [[Float]] {
        let placeholders = plan.placeholders
        // The first unknown name in sorted order; filtering allocates nothing when every name is known.
        if let name = feeds.keys.filter({ name in !placeholders.contains { $0.name == name } }).min() {
            throw GraphError.unknownFeed(name: name, placeholders: placeholders.map(\.name))
        }
        return try placeholders.map { p in
            guard let tensor = feeds[p.name] else {
                guard !p.required else { throw GraphError.missingFeed(placeholder: p.name, shape: p.shape) }
                return [Float](repeating: 0, count: Shapes.count(p.shape))
            }
            guard tensor.shape == p.shape else {
                throw GraphError.feedShape(placeholder: p.name, expected: p.shape, got: tensor.shape)
            }
            return tensor.elements
        }
    }
}
