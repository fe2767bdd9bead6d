/// `+ - * /` between tensors (with broadcasting) and between a tensor and a number, and negation.
/// The named forms (`a.add(b)`) report shape errors at the caller's line; operators cannot.
extension Tensor {
    /// The element-wise op `op` of this tensor and `other`, broadcast together.
    @inline(__always)
    func broadcasting(_ op: Op, _ other: Tensor, file: String?, line: Int) -> Tensor {
        let shape = checked(file: file, line: line) { () throws(ShapeError) in
            try Shapes.broadcast(self.shape, other.shape)
        }
        return withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                Tensor.make(shape) { out in Kernels.binary(op, a, self.shape, b, other.shape, out) }
            }
        }
    }

    /// The element-wise op `op` of this tensor alone (the scalar forms and the unary functions).
    @inline(__always)
    func elementwise(_ op: Op) -> Tensor {
        map(to: shape) { x, out in Kernels.unary(op, x, out) }
    }

    /// `self + other` with broadcasting.
    public func add(_ other: Tensor, file: String = #filePath, line: Int = #line) -> Tensor {
        add(other, file: Optional(file), line: line)
    }
    func add(_ other: Tensor, file: String?, line: Int) -> Tensor {
        broadcasting(.add, other, file: file, line: line).recorded(.add, self, other) { g, node in
            node.pass(g.sumTo(node.input(0).shape), to: 0)
            node.pass(g.sumTo(node.input(1).shape), to: 1)
        }
    }

    /// `self - other` with broadcasting.
    public func sub(_ other: Tensor, file: String = #filePath, line: Int = #line) -> Tensor {
        sub(other, file: Optional(file), line: line)
    }
    func sub(_ other: Tensor, file: String?, line: Int) -> Tensor {
        broadcasting(.sub, other, file: file, line: line).recorded(.sub, self, other) { g, node in
            node.pass(g.sumTo(node.input(0).shape), to: 0)
            node.pass((-g).sumTo(node.input(1).shape), to: 1)
        }
    }

    /// `self * other` with broadcasting.
    public func mul(_ other: Tensor, file: String = #filePath, line: Int = #line) -> Tensor {
        mul(other, file: Optional(file), line: line)
    }
    func mul(_ other: Tensor, file: String?, line: Int) -> Tensor {
        broadcasting(.mul, other, file: file, line: line).recorded(.mul, self, other) { g, node in
            node.passProduct(g, node.input(1), to: 0)
            node.passProduct(g, node.input(0), to: 1)
        }
    }

    /// `self / other` with broadcasting.
    public func div(_ other: Tensor, file: String = #filePath, line: Int = #line) -> Tensor {
        div(other, file: Optional(file), line: line)
    }
    func div(_ other: Tensor, file: String?, line: Int) -> Tensor {
        broadcasting(.div, other, file: file, line: line).recorded(.div, self, other) { g, node in
            let (a, b) = (node.input(0), node.input(1))
            node.pass((g / b).sumTo(a.shape), to: 0)
            node.pass((-g * a / (b * b)).sumTo(b.shape), to: 1)
        }
    }

    /// `a + b` with broadcasting (shape errors name no line: use `a.add(b)` for that).
    public static func + (a: Tensor, b: Tensor) -> Tensor { a.add(b, file: nil, line: 0) }
    /// `a - b` with broadcasting.
    public static func - (a: Tensor, b: Tensor) -> Tensor { a.sub(b, file: nil, line: 0) }
    /// `a * b` element-wise with broadcasting.
    public static func * (a: Tensor, b: Tensor) -> Tensor { a.mul(b, file: nil, line: 0) }
    /// `a / b` element-wise with broadcasting.
    public static func / (a: Tensor, b: Tensor) -> Tensor { a.div(b, file: nil, line: 0) }

    // MARK: With a number

    /// Adds `s` to every element.
    public static func + (a: Tensor, s: Float) -> Tensor {
        a.elementwise(.addScalar(s)).recorded(.addScalar(s), a) { g, node in node.pass(g, to: 0) }
    }
    /// Adds `s` to every element.
    public static func + (s: Float, a: Tensor) -> Tensor { a + s }

    /// Subtracts `s` from every element.
    public static func - (a: Tensor, s: Float) -> Tensor {
        a.elementwise(.subScalar(s)).recorded(.subScalar(s), a) { g, node in node.pass(g, to: 0) }
    }
    /// `s` minus every element.
    public static func - (s: Float, a: Tensor) -> Tensor {
        a.elementwise(.rsubScalar(s)).recorded(.rsubScalar(s), a) { g, node in
            node.pass(g, mapping: NegFn(), to: 0)
        }
    }

    /// Multiplies every element by `s`.
    public static func * (a: Tensor, s: Float) -> Tensor {
        a.elementwise(.mulScalar(s)).recorded(.mulScalar(s), a) { g, node in
            guard case .mulScalar(let s) = node.op else { return }
            node.pass(g, mapping: MulScalarFn(s: s), to: 0)
        }
    }
    /// Multiplies every element by `s`.
    public static func * (s: Float, a: Tensor) -> Tensor { a * s }

    /// Divides every element by `s`.
    public static func / (a: Tensor, s: Float) -> Tensor {
        a.elementwise(.divScalar(s)).recorded(.divScalar(s), a) { g, node in
            guard case .divScalar(let s) = node.op else { return }
            node.pass(g, mapping: DivScalarFn(s: s), to: 0)
        }
    }
    /// `s` divided by every element.
    public static func / (s: Float, a: Tensor) -> Tensor {
        a.elementwise(.rdivScalar(s)).recorded(.rdivScalar(s), a) { g, node in
            guard case .rdivScalar(let s) = node.op else { return }
            node.pass(g.zipped(with: node.input(0), RdivGrad(s: s)), to: 0)
        }
    }

    /// `-self`.
    public static prefix func - (a: Tensor) -> Tensor {
        a.elementwise(.neg).recorded(.neg, a) { g, node in node.pass(g, mapping: NegFn(), to: 0) }
    }
}

/// d(s / x)/dx = -s / x², times the incoming gradient.
private struct RdivGrad: BinaryFunction {
    let s: Float
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float { -g * s / (x * x) }
}
