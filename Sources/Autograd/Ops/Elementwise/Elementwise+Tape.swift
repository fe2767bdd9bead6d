/// The eager forms of the element-wise ops: the forward loop and the recorded backward, both
/// taken from the op's definition.
extension Tensor {
    /// `op` applied to every element, recorded with the derivative its definition states.
    @inline(__always)
    func applying(_ op: UnaryOp) -> Tensor { op.accept(EagerUnary(x: self, op: op)) }

    /// `self op other`, broadcast together, recorded with the op's vector–Jacobian product. The shape
    /// error names `file` and `line` (none for the operators).
    @inline(__always)
    func applying(_ op: BinaryOp, _ other: Tensor, file: String?, line: Int) -> Tensor {
        broadcasting(.binary(op), other, file: file, line: line).recorded(.binary(op), self, other)
    }

    /// The element-wise `op` (``Op/binary(_:)`` or ``Op/compare(_:)``) of this tensor and `other`,
    /// broadcast together, not recorded.
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
}

/// Runs a function's forward loop over a tensor and records its derivative on the tape.
private struct EagerUnary: ElementwiseVisitor {
    let x: Tensor
    let op: UnaryOp

    @inline(__always)
    func visit<F: ElementwiseFunction>(_ f: F) -> Tensor {
        x.map(to: x.shape) { x, out in Kernels.map(f, x, out) }
            .recorded(.unary(op), x, saveOutput: F.derivativeInput == .output)
    }
}

/// Hands a node's input the derivative of its op, given the gradient (which it holds alone, so
/// `pass(_:mapping:to:)` may overwrite it in place).
struct DerivativePass: ElementwiseVisitor {
    let node: GradFn
    var gradient: Tensor?

    mutating func visit<F: ElementwiseFunction>(_ f: F) {
        node.passDerivative(gradient.take().unsafelyUnwrapped, f)
    }
}

extension GradFn {
    /// Hands input 0 the gradient `f.derivative(g, saved)`, element by element.
    @inline(__always)
    func passDerivative<F: ElementwiseFunction>(_ g: consuming Tensor, _ f: F) {
        switch F.derivativeInput {
        case .none: pass(g, to: 0)
        case .gradient: pass(g, mapping: GradientMap(f: f), to: 0)
        case .input: pass(input(0).zipped(with: g, Derivative(f: f)), to: 0)
        case .output: pass(output.zipped(with: g, Derivative(f: f)), to: 0)
        }
    }
}
