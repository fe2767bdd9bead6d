/// `max(0, x)` element-wise as a module, like `torch.nn.ReLU`.
public final class ReLU: Module {
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.relu() }
}

/// The hyperbolic tangent element-wise as a module, like `torch.nn.Tanh`.
public final class Tanh: Module {
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.tanh() }
}

/// The logistic function `1 / (1 + e^-x)` element-wise as a module, like `torch.nn.Sigmoid`.
public final class Sigmoid: Module {
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.sigmoid() }
}
