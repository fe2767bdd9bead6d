/// A plan step made ready to run over one arena: its arena buffers are resolved once, when the
/// graph is compiled (the arena is the executor's own storage and never moves); its inputs in
/// variables and feeds are resolved from the run's ``RunStorage`` just before the kernel runs and
/// cleared right after, so no pointer into a tensor outlives the call.
final class PreparedStep {
    private let op: GraphOp
    private let shape: [Int]
    private let output: UnsafeMutableBufferPointer<Float>
    /// The kernel's inputs; those in variables and feeds are empty between runs.
    private var inputs: [GraphKernels.Input]
    /// The first inputs, for the head of a fused kernel.
    private var head: [GraphKernels.Input]
    /// The inputs that live in variables and feeds: their positions and slots.
    private let external: [(input: Int, slot: ExecutionPlan.Slot)]
    /// The variables an in-place update writes, and their storage while it runs (empty otherwise).
    private let updated: [Int]
    private var updating: [UnsafeMutableBufferPointer<Float>]

    init(_ step: ExecutionPlan.Step, arena: UnsafeMutableBufferPointer<Float>) {
        op = step.op
        shape = step.shape
        output = UnsafeMutableBufferPointer(rebasing: arena[step.output])
        var external: [(Int, ExecutionPlan.Slot)] = []
        inputs = zip(step.inputs, step.inputShapes).enumerated().map { i, input in
            guard case .arena(let range) = input.0 else {
                external.append((i, input.0))
                return (UnsafeBufferPointer(start: nil, count: 0), input.1)
            }
            return (UnsafeBufferPointer(rebasing: arena[range]), input.1)
        }
        self.external = external
        if case .fused(let kernel) = step.op { head = Array(inputs[0..<kernel.headArity]) } else { head = [] }
        updated = step.updated
        updating = Array(repeating: UnsafeMutableBufferPointer(start: nil, count: 0), count: updated.count)
    }

    /// Runs the kernel with the variables and feeds of `storage`.
    @inline(__always)
    func run(_ storage: RunStorage) {
        let resolves = !external.isEmpty || !updated.isEmpty
        if resolves { point(at: storage) }
        if case .fused(let kernel) = op {
            GraphKernels.runFused(kernel, head: head, inputs, into: output, shape: shape)
        } else if updating.isEmpty {
            GraphKernels.run(op, inputs, into: output, shape: shape)
        } else {
            GraphKernels.run(op, inputs, updating: updating, into: output, shape: shape)
        }
        if resolves { point(at: nil) }
    }

    /// Points the inputs in variables and feeds, and the updated variables, at their storage in
    /// `storage` (nil: at nothing).
    private func point(at storage: RunStorage?) {
        inputs.withUnsafeMutableBufferPointer { inputs in
            for (i, slot) in external { inputs[i].0 = storage?.read(slot) ?? UnsafeBufferPointer(start: nil, count: 0) }
            for i in head.indices { head[i].0 = inputs[i].0 }
        }
        for (j, k) in updated.enumerated() { updating[j] = storage?.variables[k] ?? UnsafeMutableBufferPointer(start: nil, count: 0) }
    }
}
