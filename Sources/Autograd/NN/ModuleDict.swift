/// Modules under String keys in insertion order, like `torch.nn.ModuleDict`; the keys name the
/// children (`layers.input.weight`).
///
/// ```swift
/// let layers: ModuleDict = ["input": Linear(6, 6), "hidden": Linear(6, 6)]
/// layers["output"] = Linear(6, 6)      // a new key goes at the end
/// let hidden = layers["hidden"] as! Linear
/// ```
///
/// Assigning to an existing key keeps its position, assigning nil removes it. A key that is empty
/// or contains "." is a programmer error (it would break the dotted names): the program stops with
/// PyTorch's message and the caller's file:line, e.g. `module name can't contain ".", got: a.b`
/// (a bad key in a dictionary literal is reported at this file's line: literals carry no location).
/// It has no ``Module/forward(_:)``; look its modules up by key.
public final class ModuleDict: Module, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: String, value: Module)

    private var orderedKeys: [String] = []
    private var storage: [String: Module] = [:]

    /// An empty dict.
    public override init() {
        super.init()
    }

    /// A dict of `modules` in the given order.
    public init(_ modules: [(String, Module)], file: String = #filePath, line: Int = #line) {
        super.init()
        for (key, module) in modules { self[key, file: file, line: line] = module }
    }

    /// A dict from a literal, in the literal's order.
    public convenience init(dictionaryLiteral elements: (String, Module)...) {
        self.init(elements)
    }

    /// The keys in insertion order.
    public var keys: [String] { orderedKeys }
    /// The modules in key order.
    public var values: [Module] { orderedKeys.map { storage[$0]! } }

    /// The module under `key`, or nil; assigning nil removes the key.
    public subscript(key: String, file file: String = #filePath, line line: Int = #line) -> Module? {
        get { storage[key] }
        set {
            guard let newValue else {
                remove(key)
                return
            }
            if let problem = Self.problem(withKey: key) {
                programmerError(problem, file: file, line: line)
            }
            if storage.updateValue(newValue, forKey: key) == nil { orderedKeys.append(key) }
        }
    }

    /// Removes `key` and returns its module (nil if absent), like `pop`.
    @discardableResult
    public func remove(_ key: String) -> Module? {
        guard let module = storage.removeValue(forKey: key) else { return nil }
        orderedKeys.removeAll { $0 == key }
        return module
    }

    /// Whether `key` is present.
    public func contains(key: String) -> Bool {
        storage[key] != nil
    }

    public override func members() -> [(name: String, member: ModuleMember)] {
        orderedKeys.map { ($0, .module(storage[$0]!)) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { orderedKeys.count }
    public subscript(position: Int) -> Element { (orderedKeys[position], storage[orderedKeys[position]]!) }

    /// PyTorch's message for a key that cannot name a module, or nil for a good key.
    static func problem(withKey key: String) -> String? {
        if key.contains(".") { return "module name can't contain \".\", got: \(key)" }
        if key.isEmpty { return "module name can't be empty string \"\"" }
        return nil
    }
}
