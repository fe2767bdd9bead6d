extension Tensor {
    /// Makes this freshly computed tensor the output of `op` on `inputs`: when grad mode is on and an
    /// input requires a gradient it gets a ``GradFn`` with the backward rule; the observer is told.
    ///
    /// `saveOutput` keeps the output values for rules written in terms of the output.
    @inline(__always)
    func recorded(_ op: Op, _ inputs: [Tensor], saveOutput: Bool = false,
                  backward: @escaping GradFn.Backward) -> Tensor {
        let state = TapeState.current
        if state.gradEnabled && op.isDifferentiable && inputs.contains(where: { $0.requiresGrad }) {
            gradFn = GradFn(op: op, inputs: inputs, outputShape: shape,
                            savedOutput: saveOutput ? data : [], backward: backward)
            requiresGrad = true
        }
        state.observer?.didRecord(op, inputs: inputs, output: self)
        return self
    }

    /// Like ``recorded(_:_:saveOutput:backward:)`` for ops whose backward also needs integers
    /// computed by the forward pass (max's indices).
    @inline(__always)
    func recorded(_ op: Op, _ inputs: [Tensor], savingIndices indices: [Int],
                  backward: @escaping GradFn.Backward) -> Tensor {
        let result = recorded(op, inputs, backward: backward)
        result.gradFn?.savedIndices = indices
        return result
    }
}
