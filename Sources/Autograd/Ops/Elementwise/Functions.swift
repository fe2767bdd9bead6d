/// The element-wise functions of one tensor, eager (`Tensor`) and symbolic (`GraphValue`) side by
/// side; each is defined once in `UnaryOps.swift`.
extension Tensor {
    /// `self ** p` for a number `p`.
    public func pow(_ p: Float) -> Tensor { applying(.powScalar(p)) }
    /// `e ** self`.
    public func exp() -> Tensor { applying(.exp) }
    /// The natural logarithm.
    public func log() -> Tensor { applying(.log) }
    /// The square root.
    public func sqrt() -> Tensor { applying(.sqrt) }
    /// The absolute value (its gradient at 0 is 0, as in PyTorch).
    public func abs() -> Tensor { applying(.abs) }
    /// `max(self, 0)`.
    public func relu() -> Tensor { applying(.relu) }
    /// `1 / (1 + e ** -self)`.
    public func sigmoid() -> Tensor { applying(.sigmoid) }
    /// The hyperbolic tangent.
    public func tanh() -> Tensor { applying(.tanh) }
    /// Each element limited to `min...max` (either bound may be omitted).
    public func clamp(min: Float? = nil, max: Float? = nil) -> Tensor { applying(.clamp(min: min, max: max)) }
}

extension GraphValue {
    /// A node applying `op` to this value.
    func applying(_ op: UnaryOp, file: String, line: Int) throws -> GraphValue {
        try graph.apply(.eager(.unary(op)), [self], file: file, line: line)
    }

    /// `self ** p`.
    public func pow(_ p: Float, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try applying(.powScalar(p), file: file, line: line)
    }
    /// Element-wise `e^x`.
    public func exp(file: String = #filePath, line: Int = #line) throws -> GraphValue { try applying(.exp, file: file, line: line) }
    /// Element-wise natural logarithm.
    public func log(file: String = #filePath, line: Int = #line) throws -> GraphValue { try applying(.log, file: file, line: line) }
    /// Element-wise square root.
    public func sqrt(file: String = #filePath, line: Int = #line) throws -> GraphValue { try applying(.sqrt, file: file, line: line) }
    /// Element-wise absolute value.
    public func abs(file: String = #filePath, line: Int = #line) throws -> GraphValue { try applying(.abs, file: file, line: line) }
    /// `max(x, 0)`.
    public func relu(file: String = #filePath, line: Int = #line) throws -> GraphValue { try applying(.relu, file: file, line: line) }
    /// `1 / (1 + e^-x)`.
    public func sigmoid(file: String = #filePath, line: Int = #line) throws -> GraphValue { try applying(.sigmoid, file: file, line: line) }
    /// Hyperbolic tangent.
    public func tanh(file: String = #filePath, line: Int = #line) throws -> GraphValue { try applying(.tanh, file: file, line: line) }
    /// Clamps every element into `[min, max]` (either bound may be nil).
    public func clamp(min: Float? = nil, max: Float? = nil, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try applying(.clamp(min: min, max: max), file: file, line: line)
    }
}
