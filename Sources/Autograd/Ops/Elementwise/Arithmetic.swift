/// `+ - * /` between tensors (with broadcasting) and between a tensor and a number, and negation,
/// eager (`Tensor`) and symbolic (`GraphValue`) side by side; each op is defined once in
/// `BinaryOps.swift` or `UnaryOps.swift`. The named forms (`a.add(b)`) report shape errors at the
/// caller's line; operators cannot.
extension Tensor {
    /// `self + other` with broadcasting.
    public func add(_ other: Tensor, file: String = #filePath, line: Int = #line) -> Tensor {
        applying(.add, other, file: file, line: line)
    }
    /// `self - other` with broadcasting.
    public func sub(_ other: Tensor, file: String = #filePath, line: Int = #line) -> Tensor {
        applying(.sub, other, file: file, line: line)
    }
    /// `self * other` with broadcasting.
    public func mul(_ other: Tensor, file: String = #filePath, line: Int = #line) -> Tensor {
        applying(.mul, other, file: file, line: line)
    }
    /// `self / other` with broadcasting.
    public func div(_ other: Tensor, file: String = #filePath, line: Int = #line) -> Tensor {
        applying(.div, other, file: file, line: line)
    }

    /// `a + b` with broadcasting (shape errors name no line: use `a.add(b)` for that).
    public static func + (a: Tensor, b: Tensor) -> Tensor { a.applying(.add, b, file: nil, line: 0) }
    /// `a - b` with broadcasting.
    public static func - (a: Tensor, b: Tensor) -> Tensor { a.applying(.sub, b, file: nil, line: 0) }
    /// `a * b` element-wise with broadcasting.
    public static func * (a: Tensor, b: Tensor) -> Tensor { a.applying(.mul, b, file: nil, line: 0) }
    /// `a / b` element-wise with broadcasting.
    public static func / (a: Tensor, b: Tensor) -> Tensor { a.applying(.div, b, file: nil, line: 0) }

    /// Adds `s` to every element.
    public static func + (a: Tensor, s: Float) -> Tensor { a.applying(.addScalar(s)) }
    /// Adds `s` to every element.
    public static func + (s: Float, a: Tensor) -> Tensor { a.applying(.addScalar(s)) }
    /// Subtracts `s` from every element.
    public static func - (a: Tensor, s: Float) -> Tensor { a.applying(.subScalar(s)) }
    /// `s` minus every element.
    public static func - (s: Float, a: Tensor) -> Tensor { a.applying(.rsubScalar(s)) }
    /// Multiplies every element by `s`.
    public static func * (a: Tensor, s: Float) -> Tensor { a.applying(.mulScalar(s)) }
    /// Multiplies every element by `s`.
    public static func * (s: Float, a: Tensor) -> Tensor { a.applying(.mulScalar(s)) }
    /// Divides every element by `s`.
    public static func / (a: Tensor, s: Float) -> Tensor { a.applying(.divScalar(s)) }
    /// `s` divided by every element.
    public static func / (s: Float, a: Tensor) -> Tensor { a.applying(.rdivScalar(s)) }
    /// `-self`.
    public static prefix func - (a: Tensor) -> Tensor { a.applying(.neg) }
}

extension GraphValue {
    /// A node applying `op` to this value and `other`.
    func applying(_ op: BinaryOp, _ other: GraphValue, file: String, line: Int) throws -> GraphValue {
        try graph.apply(.eager(.binary(op)), [self, other], file: file, line: line)
    }

    /// `self + other`, broadcasting.
    public func add(_ other: GraphValue, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try applying(.add, other, file: file, line: line)
    }
    /// `self - other`, broadcasting.
    public func sub(_ other: GraphValue, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try applying(.sub, other, file: file, line: line)
    }
    /// `self * other`, broadcasting.
    public func mul(_ other: GraphValue, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try applying(.mul, other, file: file, line: line)
    }
    /// `self / other`, broadcasting.
    public func div(_ other: GraphValue, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try applying(.div, other, file: file, line: line)
    }

    /// `a + b`, broadcasting; use ``add(_:file:line:)`` to name the line in errors.
    public static func + (a: GraphValue, b: GraphValue) throws -> GraphValue { try a.add(b, file: "", line: 0) }
    /// `a - b`, broadcasting; use ``sub(_:file:line:)`` to name the line in errors.
    public static func - (a: GraphValue, b: GraphValue) throws -> GraphValue { try a.sub(b, file: "", line: 0) }
    /// `a * b`, broadcasting; use ``mul(_:file:line:)`` to name the line in errors.
    public static func * (a: GraphValue, b: GraphValue) throws -> GraphValue { try a.mul(b, file: "", line: 0) }
    /// `a / b`, broadcasting; use ``div(_:file:line:)`` to name the line in errors.
    public static func / (a: GraphValue, b: GraphValue) throws -> GraphValue { try a.div(b, file: "", line: 0) }

    /// `a + s` for every element.
    public static func + (a: GraphValue, s: Float) throws -> GraphValue { try a.applying(.addScalar(s), file: "", line: 0) }
    /// `s + a` for every element.
    public static func + (s: Float, a: GraphValue) throws -> GraphValue { try a.applying(.addScalar(s), file: "", line: 0) }
    /// `a - s` for every element.
    public static func - (a: GraphValue, s: Float) throws -> GraphValue { try a.applying(.subScalar(s), file: "", line: 0) }
    /// `s - a` for every element.
    public static func - (s: Float, a: GraphValue) throws -> GraphValue { try a.applying(.rsubScalar(s), file: "", line: 0) }
    /// `a * s` for every element.
    public static func * (a: GraphValue, s: Float) throws -> GraphValue { try a.applying(.mulScalar(s), file: "", line: 0) }
    /// `s * a` for every element.
    public static func * (s: Float, a: GraphValue) throws -> GraphValue { try a.applying(.mulScalar(s), file: "", line: 0) }
    /// `a / s` for every element.
    public static func / (a: GraphValue, s: Float) throws -> GraphValue { try a.applying(.divScalar(s), file: "", line: 0) }
    /// `s / a` for every element.
    public static func / (s: Float, a: GraphValue) throws -> GraphValue { try a.applying(.rdivScalar(s), file: "", line: 0) }
    /// `-a`.
    public static prefix func - (a: GraphValue) throws -> GraphValue { try a.applying(.neg, file: "", line: 0) }
}
