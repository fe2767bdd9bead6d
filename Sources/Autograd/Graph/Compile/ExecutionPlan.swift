/// What a compiled graph does on every run, decided once from the optimized ``Program``: where
/// each value lives, the kernels in order, what is fetched and assigned, which feeds are
/// required, and the memory figures of the ``CompileReport``.
///
/// A value built by a pure function (``init(_:planBuffers:)``) and tested on its own;
/// ``CompiledGraph`` owns the arena the plan lays out and runs the plan over it.
struct ExecutionPlan: Equatable {
    /// Where a value lives during a run.
    enum Slot: Hashable {
        /// Elements `range` of the arena: constants first (copied in once), then computed values.
        case arena(Range<Int>)
        /// The storage of variable number `k` (in ``variables`` order), which updates write in place.
        case variable(Int)
        /// The fed tensor of placeholder number `k` (in ``placeholders`` order), read-only.
        case placeholder(Int)
    }

    /// One kernel call: `op` over the values in `inputs`, written to `output`.
    struct Step: Equatable {
        /// The node the step computes (an id in the program).
        let node: Int
        let op: GraphOp
        /// The output's shape.
        let shape: [Int]
        let inputs: [Slot]
        let inputShapes: [[Int]]
        /// Where the output goes (empty for an in-place update, which produces no value).
        let output: Range<Int>
        /// The variables the kernel writes in place (an update's parameter and optimizer state), in
        /// input order.
        let updated: [Int]
    }

    /// A placeholder, and whether a fetched value, an assignment or an update depends on it (only
    /// those must be fed).
    struct Placeholder: Equatable {
        let name: String
        let shape: [Int]
        let required: Bool
    }

    /// `variable = value` at the end of a run (``Graph/assign(_:_:file:line:)``).
    struct Assignment: Equatable {
        let variable: Int
        let value: Slot
        let count: Int
    }

    /// A fetched value, copied out after the steps and before the updates.
    struct Fetch: Equatable {
        let value: Slot
        let shape: [Int]
    }

    /// The figures of the report's memory line.
    struct Memory: Equatable {
        let plannedValues: Int
        let bufferCount: Int
        let plannedBytes: Int
        let naiveBytes: Int
        let planned: Bool
    }

    /// The slot of every node, by id.
    let slots: [Slot]
    /// Elements in the arena: the constants' region, then the planned buffers.
    let arenaCount: Int
    /// The constants' node ids: the arena starts with their values, at their slots.
    let constants: [Int]
    /// The node id of each variable.
    let variables: [Int]
    let placeholders: [Placeholder]
    /// The kernels that compute values, in order.
    let steps: [Step]
    /// The in-place updates, run after the fetches (so a fetched variable shows the value the step
    /// computed with).
    let updates: [Step]
    let fetches: [Fetch]
    /// Run in order after the updates.
    let assignments: [Assignment]
    let memory: Memory

    /// Plans `program`: constants get their own region of the arena, computed values are placed
    /// by ``BufferPlanner`` (sharing buffers by liveness when `planBuffers`, else one each), and
    /// variables and feeds stay in their tensors.
    init(_ program: Program, planBuffers: Bool) {
        var variableIndex: [Int: Int] = [:], placeholderIndex: [Int: Int] = [:], constantRange: [Int: Range<Int>] = [:]
        var variables: [Int] = [], constants: [Int] = [], placeholders: [Placeholder] = []
        var constantCount = 0
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
            case .variable:
                variableIndex[node.id] = variables.count
                variables.append(node.id)
            case .placeholder(let name):
                placeholderIndex[node.id] = placeholders.count
                placeholders.append(Placeholder(name: name, shape: node.shape, required: required[node.id]))
            case .constant:
                constantRange[node.id] = constantCount ..< constantCount + Shapes.count(node.shape)
                constantCount += Shapes.count(node.shape)
                constants.append(node.id)
            }
        }
        planSteps += effectSteps
        let keep = Set(program.outputs).union(program.assignments.map(\.value))
        let buffers = planBuffers ? BufferPlanner.plan(planSteps, keep: keep) : BufferPlanner.unshared(planSteps)
        let elementSize = MemoryLayout<Float>.size
        memory = Memory(plannedValues: planSteps.filter { $0.count > 0 }.count,
                        bufferCount: buffers.capacities.filter { $0 > 0 }.count,
                        plannedBytes: buffers.totalCount * elementSize,
                        naiveBytes: planSteps.reduce(0) { $0 + $1.count } * elementSize,
                        planned: planBuffers)
        arenaCount = constantCount + buffers.totalCount

        let slots = program.nodes.map { node -> Slot in
            if let k = variableIndex[node.id] { return .variable(k) }
            if let k = placeholderIndex[node.id] { return .placeholder(k) }
            if let range = constantRange[node.id] { return .arena(range) }
            let start = constantCount + buffers.offsets[buffers.bufferOf[node.id]!]
            return .arena(start ..< start + Shapes.count(node.shape))
        }
        var steps: [Step] = [], updates: [Step] = []
        for node in program.nodes {
            guard case .op(let op) = node.kind, case .arena(let output) = slots[node.id] else { continue }
            let updated = op.updatedInputs(arity: node.inputs.count).map { position -> Int in
                guard case .variable(let k) = slots[node.inputs[position]] else {
                    preconditionFailure("\(op.shortName) (node \(node.id)) updates input \(position), which is not a variable")
                }
                return k
            }
            let step = Step(node: node.id, op: op, shape: node.shape, inputs: node.inputs.map { slots[$0] },
                            inputShapes: node.inputs.map { program.nodes[$0].shape }, output: output, updated: updated)
            if effectIDs.contains(node.id) { updates.append(step) } else { steps.append(step) }
        }
        self.slots = slots
        self.variables = variables
        self.constants = constants
        self.placeholders = placeholders
        self.steps = steps
        self.updates = updates
        fetches = program.outputs.map { Fetch(value: slots[$0], shape: program.nodes[$0].shape) }
        assignments = program.assignments.map { target, value in
            // `Graph.assign` accepts variables only, so any other target is a bug here, never skipped.
            guard case .variable(let k) = slots[target] else { preconditionFailure("assignment target \(target) is not a variable") }
            return Assignment(variable: k, value: slots[value], count: Shapes.count(program.nodes[value].shape))
        }
    }
}

extension GraphOp {
    /// The positions of the inputs the op writes in place: an SGD update's parameter (input 0) and
    /// its optimizer state (the inputs after the gradient, up to the presence flag when gated).
    /// Empty for an op that produces a value.
    func updatedInputs(arity: Int) -> [Int] {
        guard case .applySGD(let settings) = self else { return [] }
        return [0] + Array(2 ..< (settings.gated ? arity - 1 : arity))
    }
}
