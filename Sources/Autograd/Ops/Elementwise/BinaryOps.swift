/// The element-wise ops of two tensors broadcast together (``Op/binary(_:)``), each defined once
/// below; their gradient rules are in `Elementwise+Gradients.swift`.
public enum BinaryOp: Hashable, Sendable {
    /// `a + b`
    case add
    /// `a - b`
    case sub
    /// `a * b`
    case mul
    /// `a / b`
    case div

    /// Calls `visitor` with this op's definition: the one switch from op to function.
    @inline(__always)
    func accept<V: BinaryElementwiseVisitor>(_ visitor: V) -> V.Result {
        switch self {
        case .add: return visitor.visit(AddFn())
        case .sub: return visitor.visit(SubFn())
        case .mul: return visitor.visit(MulFn())
        case .div: return visitor.visit(DivFn())
        }
    }
}

/// `a + b`.
struct AddFn: BinaryElementwiseFunction {
    static let label = "add", backwardName = "AddBackward", savesTensors = false
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a + b }
}

/// `a - b`.
struct SubFn: BinaryElementwiseFunction {
    static let label = "sub", backwardName = "SubBackward", savesTensors = false
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a - b }
}

/// `a * b`.
struct MulFn: BinaryElementwiseFunction {
    static let label = "mul", backwardName = "MulBackward", savesTensors = true
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b }
}

/// `a / b`.
struct DivFn: BinaryElementwiseFunction {
    static let label = "div", backwardName = "DivBackward", savesTensors = true
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a / b }
}

extension Op {
    /// `a + b` (``BinaryOp/add``).
    public static let add = Op.binary(.add)
    /// `a - b` (``BinaryOp/sub``).
    public static let sub = Op.binary(.sub)
    /// `a * b` (``BinaryOp/mul``).
    public static let mul = Op.binary(.mul)
    /// `a / b` (``BinaryOp/div``).
    public static let div = Op.binary(.div)
}
