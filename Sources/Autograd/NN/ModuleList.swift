/// A list of modules whose parameters the parent finds, like `torch.nn.ModuleList`.
///
/// Its elements are named `0`, `1`, … (`hidden.0.weight`), renumbered after an insert or a remove,
/// and it can change while the program runs: append a layer, insert one, remove one. It has no
/// ``Module/forward(_:)``; iterate it: `for layer in layers { x = layer(x).relu() }`. A plain Swift array
/// of modules stays invisible to ``Module/parameters()``, as a Python list does in PyTorch.
public final class ModuleList: Module, RandomAccessCollection {
    private var elements: [Module]

    /// An empty list.
    public override init() {
        elements = []
        super.init()
    }

    /// A list of `modules` in order.
    public init(_ modules: [Module]) {
        elements = modules
        super.init()
    }

    public override func members() -> [(name: String, member: ModuleMember)] {
        elements.enumerated().map { ("\($0.offset)", .module($0.element)) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { elements.count }

    /// The module at `position`; assigning replaces it.
    public subscript(position: Int) -> Module {
        get { elements[position] }
        set { elements[position] = newValue }
    }

    /// Adds `module` at the end.
    public func append(_ module: Module) {
        elements.append(module)
    }

    /// Adds `modules` at the end, in order.
    public func append(contentsOf modules: [Module]) {
        elements.append(contentsOf: modules)
    }

    /// Inserts `module` before the element at `index` (`index == count` appends).
    public func insert(_ module: Module, at index: Int) {
        elements.insert(module, at: index)
    }

    /// Removes and returns the module at `index`; the ones after it move down by one.
    @discardableResult
    public func remove(at index: Int) -> Module {
        elements.remove(at: index)
    }
}
