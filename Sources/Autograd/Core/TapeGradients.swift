/// Gradient rules run on the tape, now: a view of one ``GradFn`` during the backward pass.
struct TapeGradients: GradientBuilder {
    typealias Failure = Never
    let node: GradFn
    let upstream: Tensor

    var output: Tensor { node.output }
    var inputCount: Int { node.inputCount }
    func input(_ i: Int) -> Tensor { node.input(i) }
    func needs(_ i: Int) -> Bool { node.input(i).requiresGrad }
    func shape(of v: Tensor) -> [Int] { v.shape }
    func pass(_ v: Tensor, to i: Int) { node.pass(v.sumTo(node.input(i).shape), to: i) }
    func passProduct(_ a: Tensor, _ b: Tensor, to i: Int) { node.passProduct(a, b, to: i) }
    func passDerivative(_ op: UnaryOp) {
        var pass = DerivativePass(node: node, gradient: upstream)
        op.accept(&pass)
    }
    func reshaped(_ v: Tensor, _ shape: [Int]) -> Tensor { v.shape == shape ? v : v.withShape(shape) }
    func zero() -> Tensor { Tensor(uncheckedData: [0], shape: []) }

    func apply(_ op: GraphOp, _ inputs: [Tensor]) -> Tensor {
        let shapes = inputs.map(\.shape)
        let shape: [Int]
        do {
            shape = try op.outputShape(for: shapes)
        } catch {
            preconditionFailure("a gradient rule built \(op.shortName) of \(shapes): \(GraphOp.reason(error))")
        }
        return GraphKernels.evaluate(op, inputs, shape: shape)
    }
}

extension GradFn {
    /// Runs the op's ``Op/vjp(_:)`` on the gradient of its output. The rule owns the gradient: an
    /// element-wise op of one input gets it alone, so a chain of them updates one buffer in place
    /// (see ``pass(_:mapping:to:)``).
    func backward(_ g: consuming Tensor) {
        if case .unary(let unary) = op {
            var pass = DerivativePass(node: self, gradient: consume g)
            unary.accept(&pass)
        } else {
            op.vjp(TapeGradients(node: self, upstream: consume g))
        }
    }
}
