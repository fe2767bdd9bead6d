/// What the derivative of a one-input element-wise function reads besides the incoming gradient:
/// what the eager tape saves, and which second input the graph's derivative node takes.
enum DerivativeInput {
    /// Nothing: the gradient passes through unchanged (`d(x + s) = dx`); no node, no loop.
    case none
    /// The gradient alone, scaled or negated (`-g`, `g * s`).
    case gradient
    /// The op's input `x` (`log`, `abs`, `pow`, `clamp`).
    case input
    /// The op's output `y` (`exp`, `sqrt`).
    case output
}

/// A one-input element-wise function, defined once: `f` and its derivative side by side, as in
/// micrograd. The eager forward, the eager backward, the graph's ``GraphOp/derivative(_:)`` node
/// and the fused in-place steps are all derived from it (see ``UnaryOp``).
protocol ElementwiseFunction: UnaryFunction {
    /// The short name (`exp`); the graph's derivative node is named this plus `Grad`.
    static var label: String { get }
    /// The PyTorch-style name of the backward node (`ExpBackward`).
    static var backwardName: String { get }
    /// What ``derivative(_:_:)`` reads besides the gradient.
    static var derivativeInput: DerivativeInput { get }
    /// The label with the op's parameters (`mul(2.0)`).
    var description: String { get }
    /// The gradient of the input, `g · f′(x)`, written in terms of `saved`: the input `x` or the
    /// output `y` as ``derivativeInput`` says (unused for `.none` and `.gradient`).
    func derivative(_ g: Float, _ saved: Float) -> Float
}

extension ElementwiseFunction {
    var description: String { Self.label }
}

/// A two-input element-wise function with broadcasting (`+ - * /`): `f(a, b)` and the facts the
/// tape and the graph need; the gradient rules are in `Elementwise+Gradients.swift`.
protocol BinaryElementwiseFunction: BinaryFunction {
    /// The short name (`mul`).
    static var label: String { get }
    /// The PyTorch-style name of the backward node (`MulBackward`).
    static var backwardName: String { get }
    /// Whether the backward reads the operands.
    static var savesTensors: Bool { get }
}

/// Work done with the concrete function of a ``UnaryOp``: `accept(_:)` switches on the op once and
/// calls `visit` with its struct, so every loop over elements is specialized (no per-element
/// dynamic call).
protocol ElementwiseVisitor {
    associatedtype Result
    mutating func visit<F: ElementwiseFunction>(_ f: F) -> Result
}

/// Work done with the concrete function of a ``BinaryOp`` (see ``ElementwiseVisitor``).
protocol BinaryElementwiseVisitor {
    associatedtype Result
    func visit<F: BinaryElementwiseFunction>(_ f: F) -> Result
}

/// `(saved, g) ↦ f.derivative(g, saved)`: the derivative as a function of two floats, in the
/// order of the graph's derivative node's inputs, for the zip loops of the tape and the graph.
struct Derivative<F: ElementwiseFunction>: BinaryFunction {
    let f: F
    @inline(__always) func callAsFunction(_ saved: Float, _ g: Float) -> Float { f.derivative(g, saved) }
}

/// `g ↦ f.derivative(g, _)`, for functions whose derivative reads the gradient alone.
struct GradientMap<F: ElementwiseFunction>: UnaryFunction {
    let f: F
    @inline(__always) func callAsFunction(_ g: Float) -> Float { f.derivative(g, 0) }
}

/// A fact of a ``UnaryOp``'s definition (its names, what its derivative reads).
private struct UnaryFact<T>: ElementwiseVisitor {
    let read: (any ElementwiseFunction) -> T
    func visit<F: ElementwiseFunction>(_ f: F) -> T { read(f) }
}

/// What a ``UnaryOp``'s derivative reads: a visitor of its own, with no existential, because
/// `releaseSaved` asks after every backward step (through `savesTensors`).
private struct UnaryDerivativeInput: ElementwiseVisitor {
    func visit<F: ElementwiseFunction>(_ f: F) -> DerivativeInput { F.derivativeInput }
}

/// Whether a ``BinaryOp``'s backward reads its operands (asked after every backward step).
private struct BinarySavesTensors: BinaryElementwiseVisitor {
    func visit<F: BinaryElementwiseFunction>(_ f: F) -> Bool { F.savesTensors }
}

/// A fact of a ``BinaryOp``'s definition.
private struct BinaryFact<T>: BinaryElementwiseVisitor {
    let read: (any BinaryElementwiseFunction.Type) -> T
    func visit<F: BinaryElementwiseFunction>(_ f: F) -> T { read(F.self) }
}

extension UnaryOp {
    /// The short name (`exp`, `mul` for `mulScalar`).
    public var label: String { accept(UnaryFact { type(of: $0).label }) }
    /// The PyTorch-style backward node name (`ExpBackward`).
    public var name: String { accept(UnaryFact { type(of: $0).backwardName }) }
    /// What the derivative reads besides the gradient.
    var derivativeInput: DerivativeInput { accept(UnaryDerivativeInput()) }
    /// Whether the backward needs a tensor saved by the forward pass.
    public var savesTensors: Bool { derivativeInput == .input || derivativeInput == .output }
    /// The inputs of the graph's derivative node: the upstream gradient, and the saved value if any.
    var derivativeArity: Int { savesTensors ? 2 : 1 }
}

extension UnaryOp: CustomStringConvertible {
    /// The label with the op's parameters, e.g. `mul(2.0)` or `clamp(min: 0.0, max: nil)`.
    public var description: String { accept(UnaryFact { $0.description }) }
}

extension BinaryOp {
    /// The short name (`add`).
    public var label: String { accept(BinaryFact { $0.label }) }
    /// The PyTorch-style backward node name (`AddBackward`).
    public var name: String { accept(BinaryFact { $0.backwardName }) }
    /// Whether the backward needs the operands saved by the forward pass.
    public var savesTensors: Bool { accept(BinarySavesTensors()) }
}
