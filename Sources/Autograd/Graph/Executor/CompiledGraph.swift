/// A compiled static graph: a fixed list of kernels over one preallocated arena.
///
/// Every computed value has its place in the arena, decided at compile time (by liveness when
/// buffer planning ran). Variables are not copied: a run reads (and in-place updates such as
/// ``StaticSGD`` write) the bound tensors' own storage. A run copies the feeds in, runs the
/// kernels, then the in-place updates, then the assignments, and returns the fetched values;
/// nothing else is allocated per run. Not safe to run from two threads at once.
public final class CompiledGraph {
    /// What the passes and the buffer plan did.
    public let report: CompileReport
    /// The optimized nodes, in execution order (fused nodes carry their ``FusedKernel``).
    public var nodes: [Graph.Node] { program.nodes }
    /// Ids (in ``nodes``) of the fetched values.
    public var outputs: [Int] { program.outputs }

    let program: Program
    private let arena: UnsafeMutablePointer<Float>
    private let steps: [Step]
    private let placeholders: [(name: String, shape: [Int], at: UnsafeMutablePointer<Float>)]
    private let variables: [Tensor]
    /// Base address of each variable's storage during a run.
    private var variableBase: [UnsafeMutablePointer<Float>?]
    private let writes: [(variable: Int, from: Slot, count: Int)]
    private let fetches: [(from: Slot, shape: [Int])]

    /// Where a value lives during a run.
    private enum Slot {
        case arena(UnsafeMutablePointer<Float>)
        case variable(Int)
    }

    /// One kernel call with its buffers; inputs that are variables are re-pointed every run.
    private final class Step {
        let op: GraphOp
        let shape: [Int]
        let output: UnsafeMutableBufferPointer<Float>
        var inputs: [GraphKernels.Input]
        var headInputs: [GraphKernels.Input]
        let variableInputs: [(input: Int, variable: Int, count: Int)]

        init(op: GraphOp, shape: [Int], output: UnsafeMutableBufferPointer<Float>,
             inputs: [GraphKernels.Input], variableInputs: [(input: Int, variable: Int, count: Int)]) {
            self.op = op
            self.shape = shape
            self.output = output
            self.inputs = inputs
            self.variableInputs = variableInputs
            if case .fused(let kernel) = op { headInputs = Array(inputs[0..<kernel.headArity]) } else { headInputs = [] }
        }

        func point(_ bases: [UnsafeMutablePointer<Float>?]) {
            for (i, v, count) in variableInputs {
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
        // Placeholders and constants get their own slots; computed values are planned.
        var sourceOffset: [Int: Int] = [:]
        var sourceCount = 0
        var variableIndex: [Int: Int] = [:]
        var variables: [Tensor] = []
        var planSteps: [BufferPlanner.Step] = []
        for node in program.nodes {
            switch node.kind {
            case .op:
                planSteps.append(.init(value: node.id, count: node.shape.reduce(1, *), reads: node.inputs))
            case .variable(let tensor):
                variableIndex[node.id] = variables.count
                variables.append(tensor)
            case .placeholder, .constant:
                sourceOffset[node.id] = sourceCount
                sourceCount += node.shape.reduce(1, *)
            }
        }
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
            if let v = variableIndex[id] { return .variable(v) }
            if let offset = sourceOffset[id] { return .arena(arena + offset) }
            return .arena(arena + sourceCount + plan.offsets[plan.bufferOf[id]!])
        }

        var placeholders: [(String, [Int], UnsafeMutablePointer<Float>)] = []
        var main: [Step] = [], effects: [Step] = []
        let effectIDs = Set(program.effects)
        for node in program.nodes {
            let count = node.shape.reduce(1, *)
            switch (node.kind, slot(node.id)) {
            case (.placeholder(let name), .arena(let at)):
                placeholders.append((name, node.shape, at))
            case (.constant(let tensor), .arena(let at)):
                tensor.data.withUnsafeBufferPointer { if let b = $0.baseAddress { at.update(from: b, count: count) } }
            case (.op(let op), .arena(let at)):
                var inputs: [GraphKernels.Input] = []
                var variableInputs: [(Int, Int, Int)] = []
                for (i, id) in node.inputs.enumerated() {
                    let shape = program.nodes[id].shape
                    switch slot(id) {
                    case .arena(let p): inputs.append((UnsafeBufferPointer(start: p, count: shape.reduce(1, *)), shape))
                    case .variable(let v):
                        // Pointed at the variable's storage at the start of every run.
                        inputs.append((UnsafeBufferPointer(start: nil, count: 0), shape))
                        variableInputs.append((i, v, shape.reduce(1, *)))
                    }
                }
                let step = Step(op: op, shape: node.shape, output: UnsafeMutableBufferPointer(start: at, count: count),
                                inputs: inputs, variableInputs: variableInputs)
                if effectIDs.contains(node.id) { effects.append(step) } else { main.append(step) }
            default:
                continue
            }
        }
        self.steps = main + effects
        self.placeholders = placeholders
        self.variables = variables
        variableBase = Array(repeating: nil, count: variables.count)
        writes = program.assignments.compactMap { target, value in
            guard case .variable(let v) = slot(target) else { return nil }
            return (v, slot(value), program.nodes[value].shape.reduce(1, *))
        }
        fetches = program.outputs.map { (slot($0), program.nodes[$0].shape) }
    }

    deinit { arena.deallocate() }

    /// Runs one step with `feeds` (placeholder name → tensor) and returns the fetched values.
    ///
    /// Throws, before running anything, when a feed names no placeholder, a placeholder has no
    /// feed, or a feed's shape differs from the placeholder's.
    @discardableResult
    public func run(_ feeds: [String: Tensor] = [:]) throws -> [Tensor] {
        for name in feeds.keys.sorted() where !placeholders.contains(where: { $0.name == name }) {
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
        var results: [Tensor] = []
        withVariableStorage(from: 0) {
            for step in steps {
                if !step.variableInputs.isEmpty { step.point(variableBase) }
                step.run()
            }
            for w in writes {
                guard let target = variableBase[w.variable], let source = address(w.from) else { continue }
                target.update(from: source, count: w.count)
            }
            results = fetches.map { fetch in
                let count = fetch.shape.reduce(1, *)
                let values = address(fetch.from).map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
                return Tensor(uncheckedData: values, shape: fetch.shape)
            }
        }
        return results
    }

    private func address(_ slot: Slot) -> UnsafeMutablePointer<Float>? {
        switch slot {
        case .arena(let p): return p
        case .variable(let v): return variableBase[v]
        }
    }

    /// Runs `body` with every variable's storage pinned and its address in ``variableBase``.
    private func withVariableStorage(from i: Int, _ body: () -> Void) {
        guard i < variables.count else { return body() }
        variables[i].data.withUnsafeMutableBufferPointer { buffer in
            variableBase[i] = buffer.baseAddress
            withVariableStorage(from: i + 1, body)
        }
    }
}
