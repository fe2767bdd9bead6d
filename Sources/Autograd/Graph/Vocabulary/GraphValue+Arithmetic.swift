// Arithmetic on symbolic values, with PyTorch broadcasting checked at build time.
// Operators cannot take a source location; the named methods (`add`, `mul`, ...) can.

extension GraphValue {
    func apply(_ op: Op, _ others: [GraphValue] = [], file: String, line: Int) throws -> GraphValue {
        try graph.apply(.eager(op), [self] + others, file: file, line: line)
    }

    /// `self + other`, broadcasting.
    public func add(_ other: GraphValue, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.add, [other], file: file, line: line)
    }
    /// `self - other`, broadcasting.
    public func sub(_ other: GraphValue, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.sub, [other], file: file, line: line)
    }
    /// `self * other`, broadcasting.
    public func mul(_ other: GraphValue, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.mul, [other], file: file, line: line)
    }
    /// `self / other`, broadcasting.
    public func div(_ other: GraphValue, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.div, [other], file: file, line: line)
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
    public static func + (a: GraphValue, s: Float) throws -> GraphValue { try a.apply(.addScalar(s), file: "", line: 0) }
    /// `s + a` for every element.
    public static func + (s: Float, a: GraphValue) throws -> GraphValue { try a.apply(.addScalar(s), file: "", line: 0) }
    /// `a - s` for every element.
    public static func - (a: GraphValue, s: Float) throws -> GraphValue { try a.apply(.subScalar(s), file: "", line: 0) }
    /// `s - a` for every element.
    public static func - (s: Float, a: GraphValue) throws -> GraphValue { try a.apply(.rsubScalar(s), file: "", line: 0) }
    /// `a * s` for every element.
    public static func * (a: GraphValue, s: Float) throws -> GraphValue { try a.apply(.mulScalar(s), file: "", line: 0) }
    /// `s * a` for every element.
    public static func * (s: Float, a: GraphValue) throws -> GraphValue { try a.apply(.mulScalar(s), file: "", line: 0) }
    /// `a / s` for every element.
    public static func / (a: GraphValue, s: Float) throws -> GraphValue { try a.apply(.divScalar(s), file: "", line: 0) }
    /// `s / a` for every element.
    public static func / (s: Float, a: GraphValue) throws -> GraphValue { try a.apply(.rdivScalar(s), file: "", line: 0) }
    /// `-a`.
    public static prefix func - (a: GraphValue) throws -> GraphValue { try a.apply(.neg, file: "", line: 0) }

    /// `self ** p`.
    public func pow(_ p: Float, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.powScalar(p), file: file, line: line)
    }
    /// Element-wise `e^x`.
    public func exp(file: String = #filePath, line: Int = #line) throws -> GraphValue { try apply(.exp, file: file, line: line) }
    /// Element-wise natural logarithm.
    public func log(file: String = #filePath, line: Int = #line) throws -> GraphValue { try apply(.log, file: file, line: line) }
    /// Element-wise square root.
    public func sqrt(file: String = #filePath, line: Int = #line) throws -> GraphValue { try apply(.sqrt, file: file, line: line) }
    /// Element-wise absolute value.
    public func abs(file: String = #filePath, line: Int = #line) throws -> GraphValue { try apply(.abs, file: file, line: line) }
    /// `max(x, 0)`.
    public func relu(file: String = #filePath, line: Int = #line) throws -> GraphValue { try apply(.relu, file: file, line: line) }
    /// `1 / (1 + e^-x)`.
    public func sigmoid(file: String = #filePath, line: Int = #line) throws -> GraphValue { try apply(.sigmoid, file: file, line: line) }
    /// Hyperbolic tangent.
    public func tanh(file: String = #filePath, line: Int = #line) throws -> GraphValue { try apply(.tanh, file: file, line: line) }
    /// Clamps every element into `[min, max]` (either bound may be nil).
    public func clamp(min: Float? = nil, max: Float? = nil, file: String = #filePath, line: Int = #line) throws -> GraphValue {
        try apply(.clamp(min: min, max: max), file: file, line: line)
    }
}
