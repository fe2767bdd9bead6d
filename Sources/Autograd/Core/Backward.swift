extension Tensor {
    /// Computes the gradient of this tensor with respect to every leaf that requires a gradient and
    /// adds it to the leaf's ``grad``, like `tensor.backward()`.
    ///
    /// - Parameters:
    ///   - gradient: d(something)/d(self); may be omitted only for a one-element tensor (it is 1).
    ///   - retainGraph: keep the values the graph saved so it can be run backward again. Without
    ///     it they are freed, and a second backward through a node that needed them traps.
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

        let postOrder = root.postOrder()
        root.pendingGrad = consume seed
        for node in postOrder.reversed() {  // every node after all nodes that consume its output
            node.visited = false
            guard let gradOutput = node.pendingGrad.take() else {
                if !retainGraph { node.releaseSaved() }
                continue
            }
            guard let rule = node.backward else {
                programmerError("""
                    Trying to backward through the graph a second time (or directly access saved tensors \
                    after they have already been freed). Saved intermediate values of the graph are freed \
                    when you call backward(). Specify retainGraph: true if you need to backward through the \
                    graph a second time or if you need to access saved tensors after calling backward.
                    """, file: file, line: line)
            }
            rule(consume gradOutput, node)  // the rule gets the only reference: it may reuse the buffer
            if !retainGraph { node.releaseSaved() }
        }
    }

    /// Adds `gradient` into this leaf's ``grad`` (in place when one exists, as PyTorch does).
    func accumulate(_ gradient: Tensor) {
        guard requiresGrad else { return }
        if let grad {
            let n = grad.count
            grad.data.withUnsafeMutableBufferPointer { g in
                gradient.data.withUnsafeBufferPointer { d in
                    for i in 0..<n { g[i] += d[i] }
                }
            }
        } else {
            grad = Tensor(uncheckedData: gradient.data, shape: shape)
        }
    }
}

extension GradFn {
    /// This node and every node it depends on, each before all nodes that consume its output: the
    /// post-order of an iterative depth-first search (no recursion, so long chains are fine), whose
    /// reverse is a topological order for the backward pass.
    /// Marks nodes `visited`; the backward pass clears the marks as it goes.
    func postOrder() -> [GradFn] {
        var postOrder: [GradFn] = []
        var stack: [(node: GradFn, next: Int)] = [(self, 0)]
        visited = true
        while !stack.isEmpty {
            let top = stack.count - 1
            let (node, next) = stack[top]
            if next < node.inputCount {
                stack[top].next = next + 1
                if let child = node.input(next).gradFn, !child.visited {
                    child.visited = true
                    stack.append((child, 0))
                }
            } else {
                postOrder.append(node)
                stack.removeLast()
            }
        }
        return postOrder
    }
}
