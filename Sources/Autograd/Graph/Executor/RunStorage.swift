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
    static func pinning(_ variables: [Tensor], _ fed: [[Float]], arena: UnsafeMutableBufferPointer<Float>,
                        _ body: (RunStorage) -> [Tensor]) -> [Tensor] {
        withUnsafeTemporaryAllocation(of: UnsafeMutableBufferPointer<Float>.self, capacity: variables.count) { variableBuffers in
            withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<Float>.self, capacity: fed.count) { feedBuffers in
                RunStorage(arena: arena, variables: variableBuffers, feeds: feedBuffers).pin(from: 0, variables, fed, body)
            }
        }
    }

    /// Pins variable `i` (or, past the variables, fed array `i - variables.count`) and the rest, then calls `body`.
    private func pin(from i: Int, _ variables: [Tensor], _ fed: [[Float]], _ body: (RunStorage) -> [Tensor]) -> [Tensor] {
        if i < variables.count {
            return variables[i].withUnsafeMutableBufferPointer { buffer in
                self.variables.initializeElement(at: i, to: buffer)
                return pin(from: i + 1, variables, fed, body)
            }
        }
        let k = i - variables.count
        guard k < fed.count else { return body(self) }
        return fed[k].withUnsafeBufferPointer { buffer in
            feeds.initializeElement(at: k, to: buffer)
            return pin(from: i + 1, variables, fed, body)
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
