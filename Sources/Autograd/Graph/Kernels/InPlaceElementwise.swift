/// In-place element-wise kernels for fused chains and the graph's derivative nodes, run with the
/// ops' own definitions (`Ops/Elementwise/`): the op is switched on once per buffer, and the loop
/// over elements is specialized for its function.
enum Elementwise {
    typealias Input = (UnsafeBufferPointer<Float>, [Int])

    /// `buffer[i] = op(buffer[i])` for a one-input element-wise op (a forward op, or a derivative
    /// that reads the gradient alone).
    static func applyUnary(_ op: GraphOp, _ buffer: UnsafeMutableBufferPointer<Float>) {
        switch op {
        case .eager(.unary(let u)): u.accept(InPlaceMap(buffer: buffer, derivative: false))
        case .derivative(let u): u.accept(InPlaceMap(buffer: buffer, derivative: true))
        default: preconditionFailure("\(op.shortName) is not unary element-wise")
        }
    }

    /// `chain = op(chain, other)` (or `op(other, chain)`), `other` broadcast to `shape`. A
    /// derivative's inputs are `[saved, upstream]`.
    static func applyBinary(_ op: GraphOp, _ chain: UnsafeMutableBufferPointer<Float>, shape: [Int],
                            other: Input, chainFirst: Bool) {
        let combine = InPlaceCombine(chain: chain, shape: shape, other: other, chainFirst: chainFirst)
        switch op {
        case .eager(.binary(let b)): b.accept(combine)
        case .derivative(let u): u.accept(combine)
        default: preconditionFailure("\(op.shortName) is not binary element-wise")
        }
    }

    /// `out = op(inputs)` for a derivative node: copies its first input (the saved value, or the
    /// upstream gradient when it is the only one), then applies the derivative in place.
    static func derivative(_ op: GraphOp, _ inputs: [Input], into out: UnsafeMutableBufferPointer<Float>) {
        _ = out.initialize(from: inputs[0].0)
        if inputs.count == 1 {
            applyUnary(op, out)
        } else {
            applyBinary(op, out, shape: inputs[0].1, other: inputs[1], chainFirst: true)
        }
    }

    /// Whether `small` (ignoring leading 1s) equals the trailing dimensions of `shape`.
    static func isTrailing(_ small: [Int], of shape: [Int]) -> Bool {
        let trimmed = Array(small.drop { $0 == 1 })
        return trimmed.count <= shape.count && Array(shape.suffix(trimmed.count)) == trimmed
    }
}

/// `buffer[i] = f(buffer[i])`, or the derivative of `f` applied to a gradient in `buffer`.
private struct InPlaceMap: ElementwiseVisitor {
    let buffer: UnsafeMutableBufferPointer<Float>
    let derivative: Bool

    func visit<F: ElementwiseFunction>(_ f: F) {
        let x = UnsafeBufferPointer(buffer)
        if derivative { Kernels.map(GradientMap(f: f), x, buffer) } else { Kernels.map(f, x, buffer) }
    }
}

/// `chain = f(chain, other)` (or `f(other, chain)`), `other` broadcast to the chain's shape.
private struct InPlaceCombine: ElementwiseVisitor, BinaryElementwiseVisitor {
    let chain: UnsafeMutableBufferPointer<Float>
    let shape: [Int]
    let other: Elementwise.Input
    let chainFirst: Bool

    /// A derivative node: `f.derivative(upstream, saved)` of inputs `[saved, upstream]`.
    func visit<F: ElementwiseFunction>(_ f: F) { combine(Derivative(f: f)) }
    /// A forward op of two operands.
    func visit<F: BinaryElementwiseFunction>(_ f: F) { combine(f) }

    @inline(__always)
    private func combine<F: BinaryFunction>(_ f: F) {
        let o = other.0
        let n = chain.count
        if o.count == n {
            if chainFirst { for i in 0..<n { chain[i] = f(chain[i], o[i]) } }
            else { for i in 0..<n { chain[i] = f(o[i], chain[i]) } }
        } else if o.count == 1 {
            let s = o[0]
            if chainFirst { for i in 0..<n { chain[i] = f(chain[i], s) } }
            else { for i in 0..<n { chain[i] = f(s, chain[i]) } }
        } else if Elementwise.isTrailing(other.1, of: shape) {
            // A row broadcast over leading dimensions (a bias): index modulo its size.
            let m = o.count
            var base = 0
            while base < n {
                if chainFirst { for j in 0..<m { chain[base + j] = f(chain[base + j], o[j]) } }
                else { for j in 0..<m { chain[base + j] = f(o[j], chain[base + j]) } }
                base += m
            }
        } else {
            var expanded = [Float](repeating: 0, count: n)
            expanded.withUnsafeMutableBufferPointer { Kernels.expand(o, other.1, $0, shape) }
            if chainFirst { for i in 0..<n { chain[i] = f(chain[i], expanded[i]) } }
            else { for i in 0..<n { chain[i] = f(expanded[i], chain[i]) } }
        }
    }
}
