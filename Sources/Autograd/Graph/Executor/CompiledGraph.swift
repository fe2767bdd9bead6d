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
    /// The constants, then the planned buffers of the computed values; allocated once, never moved.
    private let arena: UnsafeMutableBufferPointer<Float>
    /// The plan's value steps, then its in-place updates, over ``arena``.
    private let steps: [PreparedStep], updates: [PreparedStep]
    /// The elements fed to each placeholder during a run; empty between runs.
    private var fed: [[Float]]

    init(program: Program, plan: ExecutionPlan, report: CompileReport) {
        self.program = program
        self.plan = plan
        self.report = report
        variables = plan.variables.map { id in
            guard case .variable(let tensor) = program.nodes[id].kind else { preconditionFailure("node \(id) is not a variable") }
            return tensor
        }
        // At least one element, so that every output, even an empty one, has an address.
        let arena = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(plan.arenaCount, 1))
        arena.initialize(repeating: 0)
        for id in plan.constants {
            guard case .constant(let tensor) = program.nodes[id].kind, case .arena(let range) = plan.slots[id] else {
                preconditionFailure("node \(id) is not a constant in the arena")
            }
            tensor.withUnsafeBufferPointer { _ = UnsafeMutableBufferPointer(rebasing: arena[range]).update(fromContentsOf: $0) }
        }
        self.arena = arena
        steps = plan.steps.map { PreparedStep($0, arena: arena) }
        updates = plan.updates.map { PreparedStep($0, arena: arena) }
        fed = Array(repeating: [], count: plan.placeholders.count)
    }

    deinit { arena.deallocate() }

    /// Runs one step with `feeds` (placeholder name → tensor) and returns the fetched values.
    ///
    /// Throws, before running anything, when a feed names no placeholder, a placeholder that a
    /// fetched value, an assignment or an update depends on has no feed, or a feed's shape differs
    /// from the placeholder's. Other placeholders may be left out (nodes that read them, kept
    /// when dead code elimination did not run, then see zeros; nothing returned depends on them).
    @discardableResult
    public func run(_ feeds: [String: Tensor] = [:]) throws -> [Tensor] {
        defer { for i in fed.indices { fed[i] = [] } }
        try hold(feeds)
        return RunStorage.pinning(variables, fed, arena: arena) { storage in
            for step in steps { step.run(storage) }
            let results = plan.fetches.map { storage.copy($0) }
            for step in updates { step.run(storage) }
            for assignment in plan.assignments { storage.assign(assignment) }
            return results
        }
    }

    /// Checks `feeds` against the placeholders and holds the elements fed to each in ``fed`` (zeros
    /// for one that may be left out).
    ///
    /// The arrays are held (not read through their tensors), so a tensor that is both fed and
    /// updated as a variable is copied on write instead of read while written.
    private func hold(_ feeds: [String: Tensor]) throws {
        let placeholders = plan.placeholders
        // The first unknown name in sorted order; filtering allocates nothing when every name is known.
        if let name = feeds.keys.filter({ name in !placeholders.contains { $0.name == name } }).min() {
            throw GraphError.unknownFeed(name: name, placeholders: placeholders.map(\.name))
        }
        for (i, p) in placeholders.enumerated() {
            guard let tensor = feeds[p.name] else {
                guard !p.required else { throw GraphError.missingFeed(placeholder: p.name, shape: p.shape) }
                fed[i] = [Float](repeating: 0, count: Shapes.count(p.shape))
                continue
            }
            guard tensor.shape == p.shape else {
                throw GraphError.feedShape(placeholder: p.name, expected: p.shape, got: tensor.shape)
            }
            fed[i] = tensor.elements
        }
    }
}
