/// A fully connected layer `y = x @ weight^T + bias`, like `torch.nn.Linear`.
///
/// `weight` has PyTorch's layout `[outFeatures, inFeatures]` and `bias` is `[outFeatures]`; both
/// start as PyTorch initializes them (Kaiming-uniform with a = √5, which comes to
/// U(-1/√in, 1/√in) for the weight and the bias), drawn from `generator` or the default one.
/// Both are `var`s: `b.weight = a.weight` ties two layers' weights.
public final class Linear: Module {
    /// The weight, shape `[outFeatures, inFeatures]`.
    public var weight: Tensor
    /// The bias, shape `[outFeatures]`, or nil for `bias: false`.
    public var bias: Tensor?

    /// The size of each input sample (the weight's second dimension).
    public var inFeatures: Int { weight.shape[1] }
    /// The size of each output sample (the weight's first dimension).
    public var outFeatures: Int { weight.shape[0] }

    /// A layer from `inFeatures` to `outFeatures` values, with a bias unless `bias` is false.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, generator: Generator? = nil,
                file: String = #filePath, line: Int = #line) {
        if inFeatures < 0 || outFeatures < 0 {
            programmerError("Trying to create tensor with negative dimension: [\(outFeatures), \(inFeatures)]",
                            file: file, line: line)
        }
        let bound: Float = inFeatures > 0 ? 1 / Float(inFeatures).squareRoot() : 0
        weight = .initialParameter([outFeatures, inFeatures], bound: bound, generator: generator)
        if bias { self.bias = .initialParameter([outFeatures], bound: bound, generator: generator) }
        super.init()
    }

    /// `x @ weight^T + bias` through the fused `linear(_:_:_:)` op.
    public override func forward(_ input: Tensor) -> Tensor {
        linear(input, weight, bias)
    }

    /// Assigns `weight` or `bias` (for ``Module/tie(_:to:)``).
    public override func assignParameter(named name: String, to tensor: Tensor) -> Bool {
        switch name {
        case "weight": weight = tensor
        case "bias": bias = tensor
        default: return false
        }
        return true
    }

    public override var extraDescription: String {
        "inFeatures: \(inFeatures), outFeatures: \(outFeatures), bias: \(bias != nil)"
    }
}
