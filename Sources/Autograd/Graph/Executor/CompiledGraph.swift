/// A compiled static graph: a fixed list of kernels over one preallocated arena.
///
/// Every value has its place in the arena, decided at compile time (by liveness when buffer
/// planning ran). A run copies the feeds and the variables' current values in, runs the
/// kernels, copies assigned values back into their variables' tensors, and returns the
/// fetched values. Nothing else is allocated per run. Not safe to run from two threads at once.
public final class CompiledGraph {
    /// What the passes and the buffer plan did.
    public let report: CompileReport
    /// The optimized nodes, in execution order (fused nodes carry their ``FusedKernel``).
    public var nodes: [Graph.Node] { program.nodes }
    /// Ids (in ``nodes``) of the fetched values.
    public var outputs: [Int] { program.outputs }

    let program: Program
    private let arena: UnsafeMutablePointer<Float>
    private let arenaCount: Int
    private var steps: [() -> Void] = []
    private var placeholders: [(name: String, shape: [Int], at: UnsafeMutablePointer<Float>)] = []
    private var variables: [(tensor: Tensor, at: UnsafeMutablePointer<Float>)] = []
    private var writes: [(tensor: Tensor, from: UnsafeMutablePointer<Float>)] = []
    private var fetches: [(at: UnsafeMutablePointer<Float>, shape: [Int])] = []

    init(program: Program, planBuffers: Bool, report: CompileReport) {
        self.program = program
        var report = report
        // Inputs, variables and constants each get their own slot; computed values are planned.
        var sourceOffset: [Int: Int] = [:]
        var sourceCount = 0
        var planSteps: [BufferPlanner.Step] = []
        for node in program.nodes {
            let count = node.shape.reduce(1, *)
            if case .op = node.kind {
                planSteps.append(.init(value: node.id, count: count, reads: node.inputs))
            } else {
                sourceOffset[node.id] = sourceCount
                sourceCount += count
            }
        }
        let keep = Set(program.outputs).union(program.assignments.map(\.value))
        let plan = planBuffers
            ? BufferPlanner.plan(planSteps, keep: keep)
            : BufferPlanner.unshared(planSteps)
        report.plannedValues = planSteps.count
        report.bufferCount = plan.capacities.count
        report.plannedBytes = plan.totalCount * MemoryLayout<Float>.size
        report.naiveBytes = planSteps.reduce(0) { $0 + $1.count } * MemoryLayout<Float>.size
        report.planned = planBuffers
        self.report = report

        arenaCount = max(sourceCount + plan.totalCount, 1)
        arena = .allocate(capacity: arenaCount)
        arena.initialize(repeating: 0, count: arenaCount)
        let base = arena
        func address(_ id: Int) -> UnsafeMutablePointer<Float> {
            if let offset = sourceOffset[id] { return base + offset }
            return base + sourceCount + plan.offsets[plan.bufferOf[id]!]
        }
        for node in program.nodes {
            let at = address(node.id)
            let count = node.shape.reduce(1, *)
            switch node.kind {
            case .placeholder(let name):
                placeholders.append((name, node.shape, at))
            case .variable(let tensor):
                variables.append((tensor, at))
            case .constant(let tensor):
                tensor.data.withUnsafeBufferPointer { if let b = $0.baseAddress { at.update(from: b, count: count) } }
            case .op(let op):
                let inputs: [GraphKernels.Input] = node.inputs.map { id in
                    (UnsafeBufferPointer(start: address(id), count: program.nodes[id].shape.reduce(1, *)),
                     program.nodes[id].shape)
                }
                let output = UnsafeMutableBufferPointer(start: at, count: count)
                let shape = node.shape
                steps.append { GraphKernels.run(op, inputs, into: output, shape: shape) }
            }
        }
        for (target, value) in program.assignments {
            guard case .variable(let tensor) = program.nodes[target].kind else { continue }
            writes.append((tensor, address(value)))
        }
        fetches = program.outputs.map { (address($0), program.nodes[$0].shape) }
    }

    deinit { arena.deallocate() }

    /// Runs one step with `feeds` (placeholder name → tensor) and returns the fetched values.
    ///
    /// Throws, before running anything, when a feed names no placeholder, a placeholder has no
    /// feed, or a feed's shape differs from the placeholder's.
    @discardableResult
    public func run(_ feeds: [String: Tensor] = [:]) throws -> [Tensor] {
        let names = Set(placeholders.map(\.name))
        for name in feeds.keys.sorted() where !names.contains(name) {
            throw GraphError.unknownFeed(name: name, placeholders: placeholders.map(\.name))
        }
        for p in placeholders {
            guard let tensor = feeds[p.name] else { throw GraphError.missingFeed(placeholder: p.name, shape: p.shape) }
            guard tensor.shape == p.shape else {
                throw GraphError.feedShape(placeholder: p.name, expected: p.shape, got: tensor.shape)
            }
        }
        for p in placeholders {
            feeds[p.name]!.data.withUnsafeBufferPointer { if let b = $0.baseAddress { p.at.update(from: b, count: $0.count) } }
        }
        for v in variables {
            v.tensor.data.withUnsafeBufferPointer { if let b = $0.baseAddress { v.at.update(from: b, count: $0.count) } }
        }
        for step in steps { step() }
        for w in writes {
            w.tensor.data.withUnsafeMutableBufferPointer { $0.baseAddress?.update(from: w.from, count: $0.count) }
        }
        return fetches.map { Tensor(uncheckedData: Array(UnsafeBufferPointer(start: $0.at, count: $0.shape.reduce(1, *))), shape: $0.shape) }
    }
}
