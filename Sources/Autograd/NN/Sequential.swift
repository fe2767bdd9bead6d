/// Modules applied one after another, like `torch.nn.Sequential`; its children are named `0`, `1`, ….
///
/// ```swift
/// let mlp = Sequential(Linear(4, 8), ReLU(), Linear(8, 2))
/// let y = mlp(x)
/// ```
public final class Sequential: Module, RandomAccessCollection {
    /// The modules in the order they run.
    public private(set) var layers: [Module]

    /// The modules `layers`, run in order.
    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
    }

    /// The modules `layers`, run in order.
    public convenience init(_ layers: Module...) {
        self.init(layers)
    }

    /// Adds `module` at the end.
    public func append(_ module: Module) {
        layers.append(module)
    }

    /// Feeds the input through every module in order.
    public override func forward(_ input: Tensor) -> Tensor {
        layers.reduce(input) { x, layer in layer(x) }
    }

    public override func members() -> [(name: String, member: ModuleMember)] {
        layers.enumerated().map { ("\($0.offset)", .module($0.element)) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { layers.count }
    public subscript(position: Int) -> Module { layers[position] }
}
