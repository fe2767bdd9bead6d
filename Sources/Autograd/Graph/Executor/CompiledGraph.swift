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
    private let arena: UnsafeMutablePointer<Float>
    /// The kernels in order: first every value, then (from `updatesStart`) the in-place updates.
    private let steps: [Step]
    private let updatesStart: Int
    /// Each placeholder, and whether a fetched value, an assignment or an update depends on it
    /// (only those must be fed).
    private let placeholders: [(name: String, shape: [Int], required: Bool)]
    private let variables: [Tensor]
    /// The fed arrays of the current run (placeholder order).
    private var fed: [[Float]]
    /// Base address of each variable's, then each placeholder's storage during a run.
    private var externalBase: [UnsafeMutablePointer<Float>?]
    private let writes: [(variable: Int, from: Slot, count: Int)]
    private let fetches: [(from: Slot, shape: [Int])]

    /// Where a value lives during a run: in the arena, or in a variable's or feed's storage
    /// (numbered variables first, then placeholders).
    private enum Slot {
        case arena(UnsafeMutablePointer<Float>)
        case external(Int)
    }

    /// One kernel call with its buffers; inputs that are variables or feeds are re-pointed every run.
    private final class Step {
        let op: GraphOp
        let shape: [Int]
        let output: UnsafeMutableBufferPointer<Float>
        var inputs: [GraphKernels.Input]
        var headInputs: [GraphKernels.Input]
        let externalInputs: [(input: Int, external: Int, count: Int)]

        init(op: GraphOp, shape: [Int], output: UnsafeMutableBufferPointer<Float>,
             inputs: [GraphKernels.Input], externalInputs: [(input: Int, external: Int, count: Int)]) {
            self.op = op
            self.shape = shape
            self.output = output
            self.inputs = inputs
            self.externalInputs = externalInputs
            if case .fused(let kernel) = op { headInputs = Array(inputs[0..<kernel.headArity]) } else { headInputs = [] }
        }

        func point(_ bases: [UnsafeMutablePointer<Float>?]) {
            for (i, v, count) in externalInputs {
                inputs[i] = (UnsafeBufferPointer(start: bases[v], count: count), inputs[i].1)
                if i < headInputs.count { headInputs[i] = inputs[i] }
            }
        }

        func run() {
            if case .fused(let kernel) = op {
                GraphKernels.runFused(kernel, head: headInputs, inputs, into: output, shape: shape)
            } else {
                GraphKernels.run(op, inputs, into: output, shape: shape)
            }
        }
    }

    init(program: Program, planBuffers: Bool, report: CompileReport) {
        self.program = program
        var report = report
        // Constants get their own slots; computed values are planned; variables and feeds
        // stay in their tensors.
        var sourceOffset: [Int: Int] = [:]
        var sourceCount = 0
        var variableIndex: [Int: Int] = [:]
        var placeholderIndex: [Int: Int] = [:]
        var variables: [Tensor] = []
        var placeholders: [(name: String, shape: [Int], required: Bool)] = []
        let required = program.dependencies
        // Planned in the order the steps run: in-place updates last, so a value built after an
        // update cannot take the buffer of a gradient the update has yet to read.
        var planSteps: [BufferPlanner.Step] = [], effectSteps: [BufferPlanner.Step] = []
        let effectIDs = Set(program.effects)
        for node in program.nodes {
            switch node.kind {
            case .op:
                let step = BufferPlanner.Step(value: node.id, count: Shapes.count(node.shape), reads: node.inputs)
                if effectIDs.contains(node.id) { effectSteps.append(step) } else { planSteps.append(step) }
            case .variable(let tensor):
                variableIndex[node.id] = variables.count
                variables.append(tensor)
            case .placeholder(let name):
                placeholderIndex[node.id] = placeholders.count
                placeholders.append((name, node.shape, required[node.id]))
            case .constant:
                sourceOffset[node.id] = sourceCount
                sourceCount += Shapes.count(node.shape)
            }
        }
        planSteps += effectSteps
        let keep = Set(program.outputs).union(program.assignments.map(\.value))
        let plan = planBuffers ? BufferPlanner.plan(planSteps, keep: keep) : BufferPlanner.unshared(planSteps)
        report.plannedValues = planSteps.filter { $0.count > 0 }.count
        report.bufferCount = plan.capacities.filter { $0 > 0 }.count
        report.plannedBytes = plan.totalCount * MemoryLayout<Float>.size
        report.naiveBytes = planSteps.reduce(0) { $0 + $1.count } * MemoryLayout<Float>.size
        report.planned = planBuffers
        self.report = report

        let arenaCount = max(sourceCount + plan.totalCount, 1)
        let arena = UnsafeMutablePointer<Float>.allocate(capacity: arenaCount)
        arena.initialize(repeating: 0, count: arenaCount)
        self.arena = arena
        func slot(_ id: Int) -> Slot {
            if let v = variableIndex[id] { return .external(v) }
            if let p = placeholderIndex[id] { return .external(variables.count + p) }
            if let offset = sourceOffset[id] { return .arena(arena + offset) }
            return .arena(arena + sourceCount + plan.offsets[plan.bufferOf[id]!])
        }

        var main: [Step] = [], effects: [Step] = []
        for node in program.nodes {
            let count = Shapes.count(node.shape)
            switch (node.kind, slot(node.id)) {
            case (.constant(let tensor), .arena(let at)):
                tensor.withUnsafeBufferPointer { if let b = $0.baseAddress { at.update(from: b, count: count) } }
            case (.op(let op), .arena(let at)):
                var inputs: [GraphKernels.Input] = []
                var externalInputs: [(Int, Int, Int)] = []
                for (i, id) in node.inputs.enumerated() {
                    let shape = program.nodes[id].shape
                    switch slot(id) {
                    case .arena(let p): inputs.append((UnsafeBufferPointer(start: p, count: Shapes.count(shape)), shape))
                    case .external(let e):
                        // Pointed at the variable's or feed's storage at the start of every run.
                        inputs.append((UnsafeBufferPointer(start: nil, count: 0), shape))
                        externalInputs.append((i, e, Shapes.count(shape)))
                    }
                }
                let step = Step(op: op, shape: node.shape, output: UnsafeMutableBufferPointer(start: at, count: count),
                                inputs: inputs, externalInputs: externalInputs)
                if effectIDs.contains(node.id) { effects.append(step) } else { main.append(step) }
            default:
                continue
            }
        }
        self.steps = main + effects
        updatesStart = main.count
        self.placeholders = placeholders
        self.variables = variables
        fed = Array(repeating: [], count: placeholders.count)
        externalBase = Array(repeating: nil, count: variables.count + placeholders.count)
        writes = program.assignments.compactMap { target, value in
            guard case .external(let v) = slot(target) else { return nil }
            return (v, slot(value), Shapes.count(program.nodes[value].shape))
        }
        fetches = program.outputs.map { (slot($0), program.nodes[$0].shape) }
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
        // The first unknown name in sorted order; filtering allocates nothing when every name is known.
        if let name = feeds.keys.filter({ name in !placeholders.contains { $0.name == name } }).min() {
            throw GraphError.unknownFeed(name: name, placeholders: placeholders.map(\.name))
        }
        defer { for i in fed.indices { fed[i] = [] } }
        for (i, p) in placeholders.enumerated() {
            guard let tensor = feeds[p.name] else {
                guard !p.required else { throw GraphError.missingFeed(placeholder: p.name, shape: p.shape) }
                fed[i] = [Float](repeating: 0, count: Shapes.count(p.shape))
                continue
            }
            guard tensor.shape == p.shape else {
                throw GraphError.feedShape(placeholder: p.name, expected: p.shape, got: tensor.shape)
            }
            // The fed arrays are held here (not read through their tensors), so a tensor that is both
            // fed and updated as a variable is copied on write instead of read while written.
            fed[i] = tensor.elements
        }
        var results: [Tensor] = []
        withExternalStorage(from: 0) {
            for step in steps[..<updatesStart] {
                if !step.externalInputs.isEmpty { step.point(externalBase) }
                step.run()
            }
            // `Tensor.make` keeps a fetched scalar (a loss) inline: no array per run.
            results = fetches.map { fetch in
                Tensor.make(fetch.shape) { out in
                    if let source = address(fetch.from), let target = out.baseAddress { target.update(from: source, count: out.count) }
                }
            }
            for step in steps[updatesStart...] {
                if !step.externalInputs.isEmpty { step.point(externalBase) }
                step.run()
            }
            for w in writes {
                guard let target = externalBase[w.variable], let source = address(w.from) else { continue }
                target.update(from: source, count: w.count)
            }
        }
        return results
    }

    private func address(_ slot: Slot) -> UnsafeMutablePointer<Float>? {
        switch slot {
        case .arena(let p): return p
        case .external(let e): return externalBase[e]
        }
    }

    /// Runs `body` with every variable's and feed's storage pinned and its address in
    /// ``externalBase``.
    private func withExternalStorage(from i: Int, _ body: () -> Void) {
        if i < variables.count {
            // In place, so a scalar variable (a first-step flag) is not copied out and back each run.
            variables[i].withUnsafeMutableBufferPointer { buffer in
                externalBase[i] = buffer.baseAddress
                withExternalStorage(from: i + 1, body)
            }
        } else if i < externalBase.count {
            fed[i - variables.count].withUnsafeBufferPointer { buffer in
                externalBase[i] = UnsafeMutablePointer(mutating: buffer.baseAddress)
                withExternalStorage(from: i + 1, body)
            }
        } else {
            body()
        }
    }
}
