/// What a gradient rule may do. Each op's vector–Jacobian product is written once against this
/// protocol (``Op/vjp(_:)``) and run by two builders: the eager tape (``TapeGradients``, which
/// computes now) and the static graph (``GraphGradients``, which adds nodes). `Failure` is `Never`
/// on the tape, so eager rules need no `try`.
protocol GradientBuilder {
    associatedtype Value
    associatedtype Failure: Error
    /// The gradient of the op's output.
    var upstream: Value { get }
    /// The op's output (the tape keeps it only for ops whose rule reads it).
    var output: Value { get }
    /// How many inputs the op has.
    var inputCount: Int { get }
    /// Input `i` of the op.
    func input(_ i: Int) -> Value
    /// Whether input `i` wants a gradient.
    func needs(_ i: Int) -> Bool
    /// The shape of `v`.
    func shape(of v: Value) -> [Int]
    /// Hands input `i` the gradient `v`, summed back to the input's shape if it was broadcast.
    func pass(_ v: Value, to i: Int) throws(Failure)
    /// Hands input `i` the gradient `a * b`, summed back to its shape (on the tape, added in place
    /// into a leaf's gradient).
    func passProduct(_ a: Value, _ b: Value, to i: Int) throws(Failure)
    /// Hands input 0 the gradient of the element-wise `op`, from its definition's derivative.
    func passDerivative(_ op: UnaryOp) throws(Failure)
    /// `op` of `inputs`: computed now on the tape, a new node in a graph.
    func apply(_ op: GraphOp, _ inputs: [Value]) throws(Failure) -> Value
    /// `v` in `shape` (the same elements); `v` itself when it already has that shape.
    func reshaped(_ v: Value, _ shape: [Int]) throws(Failure) -> Value
    /// The number 0 (a scalar).
    func zero() -> Value
}

extension GradientBuilder {
    /// `op` of `inputs`.
    func apply(_ op: GraphOp, _ inputs: Value...) throws(Failure) -> Value { try apply(op, inputs) }
    /// The eager-vocabulary `op` of `inputs`.
    func apply(_ op: Op, _ inputs: Value...) throws(Failure) -> Value { try apply(.eager(op), inputs) }
}
