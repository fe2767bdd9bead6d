extension Tensor {
    /// Makes this freshly computed tensor the output of `op` on `a`: when grad mode is on and the
    /// input requires a gradient it gets a ``GradFn``, whose backward is the op's ``Op/vjp(_:)``;
    /// the observer is told.
    ///
    /// `saveOutput` keeps the output values for rules written in terms of the output.
    @inline(__always)
    func recorded(_ op: Op, _ a: Tensor, saveOutput: Bool = false) -> Tensor {
        let state = TapeState.current
        if state.gradEnabled && a.requiresGrad && op.isDifferentiable {
            gradFn = GradFn(op: op, a, nil, others: [], outputShape: shape,
                            savedOutput: saveOutput ? elements : [])
            requiresGrad = true
        }
        state.observer?.didRecord(op, inputs: [a], output: self)
        return self
    }

    /// Like ``recorded(_:_:saveOutput:)`` for an op of two inputs.
    @inline(__always)
    func recorded(_ op: Op, _ a: Tensor, _ b: Tensor, saveOutput: Bool = false) -> Tensor {
        let state = TapeState.current
        if state.gradEnabled && (a.requiresGrad || b.requiresGrad) && op.isDifferentiable {
            gradFn = GradFn(op: op, a, b, others: [], outputShape: shape,
                            savedOutput: saveOutput ? elements : [])
            requiresGrad = true
        }
        state.observer?.didRecord(op, inputs: [a, b], output: self)
        return self
    }

    /// Like ``recorded(_:_:saveOutput:)`` for an op of any number of inputs.
    func recorded(_ op: Op, _ inputs: [Tensor], saveOutput: Bool = false) -> Tensor {
        guard let a = inputs.first else { return self }
        let state = TapeState.current
        if state.gradEnabled && inputs.contains(where: { $0.requiresGrad }) && op.isDifferentiable {
            gradFn = GradFn(op: op, a, inputs.count > 1 ? inputs[1] : nil, others: Array(inputs.dropFirst(2)),
                            outputShape: shape, savedOutput: saveOutput ? elements : [])
            requiresGrad = true
        }
        state.observer?.didRecord(op, inputs: inputs, output: self)
        return self
    }
}
