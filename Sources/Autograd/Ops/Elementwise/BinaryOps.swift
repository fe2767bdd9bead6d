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
    static var label: String { "add" }
    static var backwardName: String { "AddBackward" }
    static var savesTensors: Bool { false }
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a + b }
}

/// `a - b`.
struct SubFn: BinaryElementwiseFunction {
    static var label: String { "sub" }
    static var backwardName: String { "SubBackward" }
    static var savesTensors: Bool { false }
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a - b }
}

/// `a * b`.
struct MulFn: BinaryElementwiseFunction {
    static var label: String { "mul" }
    static var backwardName: String { "MulBackward" }
    static var savesTensors: Bool { true }
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b }
}

/// `a / b`.
struct DivFn: BinaryElementwiseFunction {
    static var label: String { "div" }
    static var backwardName: String { "DivBackward" }
    static var savesTensors: Bool { true }
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
