#if canImport(Glibc)
import Glibc
#endif

/// Element-wise functions of one tensor. Each backward rule is an element function of the incoming
/// gradient and the saved input `x` or output `y`.
extension Tensor {
    /// `self ** p` for a number `p`.
    public func pow(_ p: Float) -> Tensor {
        elementwise(.powScalar(p)).recorded(.powScalar(p), self) { g, node in
            guard case .powScalar(let p) = node.op else { return }
            node.pass(g.zipped(with: node.input(0), PowGrad(p: p)), to: 0)
        }
    }

    /// `e ** self`.
    public func exp() -> Tensor {
        elementwise(.exp).recorded(.exp, self, saveOutput: true) { g, node in
            node.pass(g.zipped(with: node.output, MulFn()), to: 0)
        }
    }

    /// The natural logarithm.
    public func log() -> Tensor {
        elementwise(.log).recorded(.log, self) { g, node in
            node.pass(g.zipped(with: node.input(0), DivFn()), to: 0)
        }
    }

    /// The square root.
    public func sqrt() -> Tensor {
        elementwise(.sqrt).recorded(.sqrt, self, saveOutput: true) { g, node in
            node.pass(g.zipped(with: node.output, SqrtGrad()), to: 0)
        }
    }

    /// The absolute value (its gradient at 0 is 0, as in PyTorch).
    public func abs() -> Tensor {
        elementwise(.abs).recorded(.abs, self) { g, node in
            node.pass(g.zipped(with: node.input(0), AbsGrad()), to: 0)
        }
    }

    /// `max(self, 0)`.
    public func relu() -> Tensor {
        elementwise(.relu).recorded(.relu, self, saveOutput: true) { g, node in
            node.pass(g.zipped(with: node.output, ReluGrad()), to: 0)
        }
    }

    /// `1 / (1 + e ** -self)`.
    public func sigmoid() -> Tensor {
        elementwise(.sigmoid).recorded(.sigmoid, self, saveOutput: true) { g, node in
            node.pass(g.zipped(with: node.output, SigmoidGrad()), to: 0)
        }
    }

    /// The hyperbolic tangent.
    public func tanh() -> Tensor {
        elementwise(.tanh).recorded(.tanh, self, saveOutput: true) { g, node in
            node.pass(g.zipped(with: node.output, TanhGrad()), to: 0)
        }
    }

    /// Each element limited to `min...max` (either bound may be omitted).
    public func clamp(min: Float? = nil, max: Float? = nil) -> Tensor {
        elementwise(.clamp(min: min, max: max)).recorded(.clamp(min: min, max: max), self) { g, node in
            guard case .clamp(let low, let high) = node.op else { return }
            node.pass(g.zipped(with: node.input(0), ClampGrad(low: low, high: high)), to: 0)
        }
    }
}

/// g · p · x^(p-1) (0 when p is 0, as in PyTorch).
private struct PowGrad: BinaryFunction {
    let p: Float
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float {
        if p == 0 { return 0 }
        if p == 2 { return g * 2 * x }
        return g * p * powf(x, p - 1)
    }
}
/// g / (2 √x), from y = √x.
private struct SqrtGrad: BinaryFunction {
    @inline(__always) func callAsFunction(_ g: Float, _ y: Float) -> Float { g / (2 * y) }
}
/// g · sign(x).
private struct AbsGrad: BinaryFunction {
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float { x > 0 ? g : (x < 0 ? -g : 0) }
}
/// g where the output is positive.
private struct ReluGrad: BinaryFunction {
    @inline(__always) func callAsFunction(_ g: Float, _ y: Float) -> Float { y > 0 ? g : 0 }
}
/// g · y · (1 - y).
private struct SigmoidGrad: BinaryFunction {
    @inline(__always) func callAsFunction(_ g: Float, _ y: Float) -> Float { g * y * (1 - y) }
}
/// g · (1 - y²).
private struct TanhGrad: BinaryFunction {
    @inline(__always) func callAsFunction(_ g: Float, _ y: Float) -> Float { g * (1 - y * y) }
}
/// g where min ≤ x ≤ max.
private struct ClampGrad: BinaryFunction {
    let low: Float?
    let high: Float?
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float {
        if let low, x < low { return 0 }
        if let high, x > high { return 0 }
        return g
    }
}
