extension Tensor {
    /// Computes the gradient of this tensor with respect to every leaf that requires a gradient and
    /// adds it to the leaf's ``grad``, like `tensor.backward()`.
    ///
    /// - Parameters:
    ///   - gradient: d(something)/d(self); may be omitted only for a one-element tensor (it is 1).
    ///   - retainGraph: keep the values the graph saved so it can be run backward again. Without
    ///     it they are freed, and a second backward through a node that needed them traps.
    ///   - file: The caller's file, named when the gradient's shape is wrong.
    ///   - line: The caller's line.
    public func backward(_ gradient: Tensor? = nil, retainGraph: Bool = false,
                         file: String = #filePath, line: Int = #line) {
        guard requiresGrad else {
            programmerError("element 0 of tensors does not require grad and does not have a gradFn",
                            file: file, line: line)
        }
        let seed: Tensor
        if let gradient {
            guard gradient.shape == shape else {
                programmerError("Mismatch in shape: grad_output[0] has a shape of \(gradient.shape) and output[0] has a shape of \(shape).",
                                file: file, line: line)
            }
            seed = gradient.detach()
        } else {
            guard count == 1 else {
                programmerError("grad can be implicitly created only for scalar outputs", file: file, line: line)
            }
            seed = Tensor(uncheckedData: [1], shape: shape)
        }
        guard let root = gradFn else {
            accumulate(seed)
            return
        }

        let state = TapeState.current
        let (wasEnabled, observer) = (state.gradEnabled, state.observer)
        state.gradEnabled = false
        state.observer = nil
        defer {
            state.gradEnabled = wasEnabled
            state.observer = observer
        }

        let postOrder = root.postOrder()  // unretained: this tensor keeps them alive through `root`
        root.pendingGrad = consume seed
        for node in postOrder.reversed() {  // every node after all nodes that consume its output
            node._withUnsafeGuaranteedRef { $0.propagate(retainGraph: retainGraph, file: file, line: line) }
        }
    }

    /// Adds `gradient` into this leaf's ``grad`` (in place when one exists, as PyTorch does).
    func accumulate(_ gradient: Tensor) {
        guard requiresGrad else { return }
        if let grad {
            let n = grad.count
            grad.withUnsafeMutableBufferPointer { g in
                gradient.withUnsafeBufferPointer { d in
                    for i in 0..<n { g[i] += d[i] }
                }
            }
        } else {
            grad = gradient.withShape(shape)
        }
    }
}

extension GradFn {
    /// This node and every node it depends on, each before all nodes that consume its output: the
    /// post-order of an iterative depth-first search (no recursion, so long chains are fine), whose
    /// reverse is a topological order for the backward pass.
    ///
    /// Marks nodes `visited`; the backward pass clears the marks as it goes. The nodes are listed
    /// unretained, which saves reference counting per node: they live as long as this node does.
    func postOrder() -> [Unmanaged<GradFn>] {
        var postOrder: [Unmanaged<GradFn>] = []
        var stack: [(node: Unmanaged<GradFn>, next: Int)] = [(.passUnretained(self), 0)]
        visited = true
        while let (node, next) = stack.last {
            if next == node._withUnsafeGuaranteedRef(\.inputCount) {
                postOrder.append(node)
                stack.removeLast()
            } else {
                stack[stack.count - 1].next = next + 1
                if let child = node._withUnsafeGuaranteedRef({ $0.reach(input: next) }) {
                    stack.append((child, 0))
                }
            }
        }
        return postOrder
    }

    /// The node that produced input `i` if the search has not reached it yet (it is then marked);
    /// nil for a leaf or a node already reached.
    private func reach(input i: Int) -> Unmanaged<GradFn>? {
        guard let producer = input(i).gradFn, !producer.visited else { return nil }
        producer.visited = true
        return .passUnretained(producer)
    }

    /// Runs the backward rule on the gradient summed at this node (once every consumer of its
    /// output has passed its share), then frees the saved values unless `retainGraph`.
    func propagate(retainGraph: Bool, file: String, line: Int) {
        visited = false
        defer { if !retainGraph { releaseSaved() } }
        guard let gradOutput = pendingGrad.take() else { return }
        guard !freed else {
            programmerError("""
                Trying to backward through the graph a second time (or directly access saved tensors \
                after they have already been freed). Saved intermediate values of the graph are freed \
                when you call backward(). Specify retainGraph: true if you need to backward through the \
                graph a second time or if you need to access saved tensors after calling backward.
                """, file: file, line: line)
        }
        backward(consume gradOutput)  // the rule gets the only reference: it may reuse the buffer
    }
}
