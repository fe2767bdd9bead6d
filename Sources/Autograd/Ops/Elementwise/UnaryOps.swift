#if canImport(Glibc)
import Glibc
#endif

/// The element-wise ops of one tensor (``Op/unary(_:)``), each defined once below by a struct that
/// holds the function and its derivative side by side.
public enum UnaryOp: Hashable, Sendable {
    /// `x + s`
    case addScalar(Float)
    /// `x - s`
    case subScalar(Float)
    /// `s - x`
    case rsubScalar(Float)
    /// `x * s`
    case mulScalar(Float)
    /// `x / s`
    case divScalar(Float)
    /// `s / x`
    case rdivScalar(Float)
    /// `x ** p`
    case powScalar(Float)
    /// `-x`
    case neg
    /// `e ** x`
    case exp
    /// The natural logarithm.
    case log
    /// The square root.
    case sqrt
    /// `|x|`
    case abs
    /// `max(x, 0)`
    case relu
    /// `1 / (1 + e ** -x)`
    case sigmoid
    /// The hyperbolic tangent.
    case tanh
    /// `x` limited to `min...max` (either bound may be absent), like `torch.clamp`.
    case clamp(min: Float?, max: Float?)

    /// Calls `visitor` with this op's definition.
    @inline(__always)
    func accept<V: ElementwiseVisitor>(_ visitor: V) -> V.Result {
        var visitor = visitor
        return accept(&visitor)
    }

    /// Calls `visitor`, which may change, with this op's definition: the one switch from op to function.
    @inline(__always)
    func accept<V: ElementwiseVisitor>(_ visitor: inout V) -> V.Result {
        switch self {
        case .addScalar(let s): return visitor.visit(AddScalarFn(s: s))
        case .subScalar(let s): return visitor.visit(SubScalarFn(s: s))
        case .rsubScalar(let s): return visitor.visit(RsubScalarFn(s: s))
        case .mulScalar(let s): return visitor.visit(MulScalarFn(s: s))
        case .divScalar(let s): return visitor.visit(DivScalarFn(s: s))
        case .rdivScalar(let s): return visitor.visit(RdivScalarFn(s: s))
        case .powScalar(let p): return visitor.visit(PowScalarFn(p: p))
        case .neg: return visitor.visit(NegFn())
        case .exp: return visitor.visit(ExpFn())
        case .log: return visitor.visit(LogFn())
        case .sqrt: return visitor.visit(SqrtFn())
        case .abs: return visitor.visit(AbsFn())
        case .relu: return visitor.visit(ReluFn())
        case .sigmoid: return visitor.visit(SigmoidFn())
        case .tanh: return visitor.visit(TanhFn())
        case .clamp(let low, let high): return visitor.visit(ClampFn(low: low, high: high))
        }
    }
}

// MARK: - The definitions: f(x), then the gradient of x given g (and x or y)

/// `x + s`: the gradient passes through.
struct AddScalarFn: ElementwiseFunction {
    static var label: String { "add" }
    static var backwardName: String { "AddBackward" }
    static var derivativeInput: DerivativeInput { .none }
    let s: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x + s }
    @inline(__always) func derivative(_ g: Float, _: Float) -> Float { g }
    var description: String { "add(\(s))" }
}

/// `x - s`: the gradient passes through.
struct SubScalarFn: ElementwiseFunction {
    static var label: String { "sub" }
    static var backwardName: String { "SubBackward" }
    static var derivativeInput: DerivativeInput { .none }
    let s: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x - s }
    @inline(__always) func derivative(_ g: Float, _: Float) -> Float { g }
    var description: String { "sub(\(s))" }
}

/// `s - x`: `-g`.
struct RsubScalarFn: ElementwiseFunction {
    static var label: String { "rsub" }
    static var backwardName: String { "RsubBackward" }
    static var derivativeInput: DerivativeInput { .gradient }
    let s: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { s - x }
    @inline(__always) func derivative(_ g: Float, _: Float) -> Float { -g }
    var description: String { "rsub(\(s))" }
}

/// `x * s`: `g · s`.
struct MulScalarFn: ElementwiseFunction {
    static var label: String { "mul" }
    static var backwardName: String { "MulBackward" }
    static var derivativeInput: DerivativeInput { .gradient }
    let s: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x * s }
    @inline(__always) func derivative(_ g: Float, _: Float) -> Float { g * s }
    var description: String { "mul(\(s))" }
}

/// `x / s`: `g / s`.
struct DivScalarFn: ElementwiseFunction {
    static var label: String { "div" }
    static var backwardName: String { "DivBackward" }
    static var derivativeInput: DerivativeInput { .gradient }
    let s: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x / s }
    @inline(__always) func derivative(_ g: Float, _: Float) -> Float { g / s }
    var description: String { "div(\(s))" }
}

/// `s / x`: `-g · s / x²`.
struct RdivScalarFn: ElementwiseFunction {
    static var label: String { "rdiv" }
    static var backwardName: String { "DivBackward" }
    static var derivativeInput: DerivativeInput { .input }
    let s: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { s / x }
    @inline(__always) func derivative(_ g: Float, _ x: Float) -> Float { -g * s / (x * x) }
    var description: String { "rdiv(\(s))" }
}

/// `x ** p`: `g · p · x^(p-1)` (0 when p is 0, as in PyTorch). Squares are exact products.
struct PowScalarFn: ElementwiseFunction {
    static var label: String { "pow" }
    static var backwardName: String { "PowBackward" }
    static var derivativeInput: DerivativeInput { .input }
    let p: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float {
        if p == 2 { return x * x }
        if p == 1 { return x }
        if p == 0 { return 1 }
        return powf(x, p)
    }
    @inline(__always) func derivative(_ g: Float, _ x: Float) -> Float {
        if p == 0 { return 0 }
        if p == 2 { return g * 2 * x }
        return g * p * powf(x, p - 1)
    }
    var description: String { "pow(\(p))" }
}

/// `-x`: `-g`.
struct NegFn: ElementwiseFunction {
    static var label: String { "neg" }
    static var backwardName: String { "NegBackward" }
    static var derivativeInput: DerivativeInput { .gradient }
    @inline(__always) func callAsFunction(_ x: Float) -> Float { -x }
    @inline(__always) func derivative(_ g: Float, _: Float) -> Float { -g }
}

/// `e^x`: `g · y`.
struct ExpFn: ElementwiseFunction {
    static var label: String { "exp" }
    static var backwardName: String { "ExpBackward" }
    static var derivativeInput: DerivativeInput { .output }
    @inline(__always) func callAsFunction(_ x: Float) -> Float { expf(x) }
    @inline(__always) func derivative(_ g: Float, _ y: Float) -> Float { g * y }
}

/// `ln x`: `g / x`.
struct LogFn: ElementwiseFunction {
    static var label: String { "log" }
    static var backwardName: String { "LogBackward" }
    static var derivativeInput: DerivativeInput { .input }
    @inline(__always) func callAsFunction(_ x: Float) -> Float { logf(x) }
    @inline(__always) func derivative(_ g: Float, _ x: Float) -> Float { g / x }
}

/// `√x`: `g / (2y)`.
struct SqrtFn: ElementwiseFunction {
    static var label: String { "sqrt" }
    static var backwardName: String { "SqrtBackward" }
    static var derivativeInput: DerivativeInput { .output }
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x.squareRoot() }
    @inline(__always) func derivative(_ g: Float, _ y: Float) -> Float { g / (2 * y) }
}

/// `|x|`: `g · sign(x)` (0 at 0, as in PyTorch).
struct AbsFn: ElementwiseFunction {
    static var label: String { "abs" }
    static var backwardName: String { "AbsBackward" }
    static var derivativeInput: DerivativeInput { .input }
    @inline(__always) func callAsFunction(_ x: Float) -> Float { Swift.abs(x) }
    @inline(__always) func derivative(_ g: Float, _ x: Float) -> Float { x > 0 ? g : (x < 0 ? -g : 0) }
}

/// `max(x, 0)`: `g` where the output is positive.
struct ReluFn: ElementwiseFunction {
    static var label: String { "relu" }
    static var backwardName: String { "ReluBackward" }
    static var derivativeInput: DerivativeInput { .output }
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? x : 0 }
    @inline(__always) func derivative(_ g: Float, _ y: Float) -> Float { y > 0 ? g : 0 }
}

/// `1 / (1 + e^-x)`, split by sign so `exp` never overflows: `g · y · (1 - y)`.
struct SigmoidFn: ElementwiseFunction {
    static var label: String { "sigmoid" }
    static var backwardName: String { "SigmoidBackward" }
    static var derivativeInput: DerivativeInput { .output }
    @inline(__always) func callAsFunction(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + expf(-x)) }
        let e = expf(x)
        return e / (1 + e)
    }
    @inline(__always) func derivative(_ g: Float, _ y: Float) -> Float { g * y * (1 - y) }
}

/// `tanh x`: `g · (1 - y²)`.
struct TanhFn: ElementwiseFunction {
    static var label: String { "tanh" }
    static var backwardName: String { "TanhBackward" }
    static var derivativeInput: DerivativeInput { .output }
    @inline(__always) func callAsFunction(_ x: Float) -> Float { tanhf(x) }
    @inline(__always) func derivative(_ g: Float, _ y: Float) -> Float { g * (1 - y * y) }
}

/// `x` limited to `low...high`: `g` where `low ≤ x ≤ high` (a NaN input passes the gradient).
struct ClampFn: ElementwiseFunction {
    static var label: String { "clamp" }
    static var backwardName: String { "ClampBackward" }
    static var derivativeInput: DerivativeInput { .input }
    let low: Float?
    let high: Float?
    @inline(__always) func callAsFunction(_ x: Float) -> Float {
        var y = x
        if let low, y < low { y = low }
        if let high, y > high { y = high }
        return y
    }
    @inline(__always) func derivative(_ g: Float, _ x: Float) -> Float {
        if let low, x < low { return 0 }
        if let high, x > high { return 0 }
        return g
    }
    var description: String {
        "clamp(min: \(low.map { "\($0)" } ?? "nil"), max: \(high.map { "\($0)" } ?? "nil"))"
    }
}

// MARK: - The earlier spellings of these ops as `Op` cases

extension Op {
    /// `x + s` (``UnaryOp/addScalar(_:)``).
    public static func addScalar(_ s: Float) -> Op { .unary(.addScalar(s)) }
    /// `x - s` (``UnaryOp/subScalar(_:)``).
    public static func subScalar(_ s: Float) -> Op { .unary(.subScalar(s)) }
    /// `s - x` (``UnaryOp/rsubScalar(_:)``).
    public static func rsubScalar(_ s: Float) -> Op { .unary(.rsubScalar(s)) }
    /// `x * s` (``UnaryOp/mulScalar(_:)``).
    public static func mulScalar(_ s: Float) -> Op { .unary(.mulScalar(s)) }
    /// `x / s` (``UnaryOp/divScalar(_:)``).
    public static func divScalar(_ s: Float) -> Op { .unary(.divScalar(s)) }
    /// `s / x` (``UnaryOp/rdivScalar(_:)``).
    public static func rdivScalar(_ s: Float) -> Op { .unary(.rdivScalar(s)) }
    /// `x ** p` (``UnaryOp/powScalar(_:)``).
    public static func powScalar(_ p: Float) -> Op { .unary(.powScalar(p)) }
    /// `-x` (``UnaryOp/neg``).
    public static let neg = Op.unary(.neg)
    /// `e ** x` (``UnaryOp/exp``).
    public static let exp = Op.unary(.exp)
    /// The natural logarithm (``UnaryOp/log``).
    public static let log = Op.unary(.log)
    /// The square root (``UnaryOp/sqrt``).
    public static let sqrt = Op.unary(.sqrt)
    /// `|x|` (``UnaryOp/abs``).
    public static let abs = Op.unary(.abs)
    /// `max(x, 0)` (``UnaryOp/relu``).
    public static let relu = Op.unary(.relu)
    /// `1 / (1 + e ** -x)` (``UnaryOp/sigmoid``).
    public static let sigmoid = Op.unary(.sigmoid)
    /// The hyperbolic tangent (``UnaryOp/tanh``).
    public static let tanh = Op.unary(.tanh)
    /// `x` limited to `min...max` (``UnaryOp/clamp(min:max:)``).
    public static func clamp(min: Float?, max: Float?) -> Op { .unary(.clamp(min: min, max: max)) }
}
