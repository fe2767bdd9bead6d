/// The buffers of one run of a ``CompiledGraph``: the arena, the variables' storage (writable) and
/// the fed arrays (read-only), pinned for the duration of the run and resolved from the plan's
/// slots. Made inside `run` and never kept past it.
struct RunStorage {
    let arena: UnsafeMutableBufferPointer<Float>
    let variables: UnsafeMutableBufferPointer<UnsafeMutableBufferPointer<Float>>
    let feeds: UnsafeMutableBufferPointer<UnsafeBufferPointer<Float>>

    /// Calls `body` with every variable's storage pinned for writing and every fed array for reading.
    ///
    /// Variables are pinned first: a tensor both bound as a variable and fed has its storage copied
    /// on write (the fed array holds the old elements), so updates never write what a feed reads.
    static func pinning<R>(_ variables: [Tensor], _ fed: [[Float]], arena: UnsafeMutableBufferPointer<Float>,
                           _ body: (RunStorage) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UnsafeMutableBufferPointer<Float>.self, capacity: variables.count) { variableBuffers in
            withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<Float>.self, capacity: fed.count) { feedBuffers in
                let storage = RunStorage(arena: arena, variables: variableBuffers, feeds: feedBuffers)
                func pin(from i: Int) -> R {
                    if i < variables.count {
                        return variables[i].withUnsafeMutableBufferPointer { buffer in
                            variableBuffers.initializeElement(at: i, to: buffer)
                            return pin(from: i + 1)
                        }
                    }
                    let k = i - variables.count
                    guard k < fed.count else { return body(storage) }
                    return fed[k].withUnsafeBufferPointer { buffer in
                        feedBuffers.initializeElement(at: k, to: buffer)
                        return pin(from: i + 1)
                    }
                }
                return pin(from: 0)
            }
        }
    }

    /// The elements of the value in `slot`.
    func read(_ slot: ExecutionPlan.Slot) -> UnsafeBufferPointer<Float> {
        switch slot {
        case .arena(let range): return UnsafeBufferPointer(rebasing: arena[range])
        case .variable(let k): return UnsafeBufferPointer(variables[k])
        case .placeholder(let k): return feeds[k]
        }
    }

    /// A fetched value, copied out of its slot (a fetched scalar, a loss, is kept inline by `Tensor.make`).
    func copy(_ fetch: ExecutionPlan.Fetch) -> Tensor {
        let source = read(fetch.value)
        return Tensor.make(fetch.shape) { out in
            if let from = source.baseAddress, let to = out.baseAddress { to.update(from: from, count: out.count) }
        }
    }

    /// Writes an assignment's value into its variable.
    func assign(_ assignment: ExecutionPlan.Assignment) {
        guard let to = variables[assignment.variable].baseAddress, let from = read(assignment.value).baseAddress else { return }
        to.update(from: from, count: assignment.count)
    }
}

/// Calls kernels for plan steps, reusing its argument arrays from step to step (one set per run).
struct KernelCalls {
    private var inputs: [GraphKernels.Input] = []
    private var head: [GraphKernels.Input] = []
    private var updated: [UnsafeMutableBufferPointer<Float>] = []

    /// Runs `step` over `storage`.
    mutating func run(_ step: ExecutionPlan.Step, _ storage: RunStorage) {
        inputs.removeAll(keepingCapacity: true)
        for (slot, shape) in zip(step.inputs, step.inputShapes) { inputs.append((storage.read(slot), shape)) }
        let output = UnsafeMutableBufferPointer(rebasing: storage.arena[step.output])
        if case .fused(let kernel) = step.op {
            head.removeAll(keepingCapacity: true)
            head += inputs[0..<kernel.headArity]
            GraphKernels.runFused(kernel, head: head, inputs, into: output, shape: step.shape)
        } else if !step.updated.isEmpty {
            updated.removeAll(keepingCapacity: true)
            for k in step.updated { updated.append(storage.variables[k]) }
            GraphKernels.run(step.op, inputs, updating: updated, into: output, shape: step.shape)
        } else {
            GraphKernels.run(step.op, inputs, into: output, shape: step.shape)
        }
    }
}
