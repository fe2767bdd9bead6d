extension Tensor {
    /// A new parameter drawn as PyTorch's layers draw theirs: uniform in `[-bound, bound]`, from
    /// `generator` or the default one, requiring a gradient.
    static func initialParameter(_ shape: [Int], bound: Float, generator: Generator?) -> Tensor {
        let parameter = Tensor.uniform(shape, low: -bound, high: bound, generator: generator)
        parameter.requiresGrad = true
        return parameter
    }
}
