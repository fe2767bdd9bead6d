extension Module {
    /// The parameters with their dotted names: this module's own (in declaration order), then each
    /// child's, depth first, like PyTorch's `named_parameters()`.
    ///
    /// With `removeDuplicates` (the default) a tensor reached by several names (a tied weight) is
    /// listed once, under the first name; pass false to list every name.
    public func namedParameters(removeDuplicates: Bool = true) -> [(name: String, tensor: Tensor)] {
        var all: [(name: String, tensor: Tensor)] = []
        collectParameters(prefix: "", ancestors: [], into: &all)
        guard removeDuplicates else { return all }
        var seen = Set<ObjectIdentifier>()
        return all.filter { seen.insert(ObjectIdentifier($0.tensor)).inserted }
    }

    /// The distinct parameters (each tensor once, tied ones included once), for an optimizer.
    public func parameters() -> [Tensor] {
        namedParameters().map(\.tensor)
    }

    /// The number of trainable numbers: the element count of the distinct parameters, so a tied
    /// weight counts once (PyTorch's `sum(p.numel() for p in model.parameters())`).
    public var parameterCount: Int {
        parameters().reduce(0) { $0 + $1.count }
    }

    /// The groups of names that reach one tensor (tied parameters), in order of first appearance,
    /// e.g. `[["layers.input.weight", "layers.hidden.weight", "layers.output.weight"]]`.
    public func sharedParameters() -> [[String]] {
        var groups: [ObjectIdentifier: [String]] = [:]
        var order: [ObjectIdentifier] = []
        for (name, tensor) in namedParameters(removeDuplicates: false) {
            let id = ObjectIdentifier(tensor)
            if groups[id] == nil { order.append(id) }
            groups[id, default: []].append(name)
        }
        return order.compactMap { groups[$0]!.count > 1 ? groups[$0] : nil }
    }

    /// The direct submodules with their property names (PyTorch's `named_children()`).
    public func namedChildren() -> [(name: String, module: Module)] {
        members().compactMap { name, member in
            if case .module(let module) = member { return (name, module) }
            return nil
        }
    }

    /// The direct submodules (PyTorch's `children()`).
    public func children() -> [Module] {
        namedChildren().map(\.module)
    }

    /// This module (named `""`) and every module below it, depth first, each instance once
    /// (PyTorch's `named_modules()`).
    public func namedModules() -> [(name: String, module: Module)] {
        var result: [(name: String, module: Module)] = []
        var seen = Set<ObjectIdentifier>()
        func visit(_ module: Module, _ name: String, _ ancestors: [ObjectIdentifier]) {
            guard seen.insert(ObjectIdentifier(module)).inserted else { return }
            result.append((name, module))
            let path = ancestors + [ObjectIdentifier(module)]
            for (childName, child) in module.namedChildren() {
                child.checkNotAncestor(path, name: childName)
                visit(child, name.isEmpty ? childName : name + "." + childName, path)
            }
        }
        visit(self, "", [])
        return result
    }

    /// The module reached by a dotted path (`layers.hidden`; `""` is this module), or nil.
    public func module(at path: String) -> Module? {
        guard !path.isEmpty else { return self }
        var current: Module = self
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard let next = current.namedChildren().first(where: { $0.name == component }) else { return nil }
            current = next.module
        }
        return current
    }

    /// Sets every parameter's gradient to nil (PyTorch's `zero_grad()`, whose default is `set_to_none`).
    public func zeroGrad() {
        for parameter in parameters() { parameter.grad = nil }
    }

    /// Puts this module and all below it in training mode (or evaluation mode with `false`).
    @discardableResult
    public func train(_ mode: Bool = true) -> Self {
        for (_, module) in namedModules() { module.isTraining = mode }
        return self
    }

    /// Puts this module and all below it in evaluation mode, like PyTorch's `eval()`.
    @discardableResult
    public func eval() -> Self {
        train(false)
    }

    /// Appends this module's parameters under every name, own ones first, then each child's.
    private func collectParameters(prefix: String, ancestors: [ObjectIdentifier],
                                   into result: inout [(name: String, tensor: Tensor)]) {
        let members = members()
        for case let (name, .parameter(tensor)) in members {
            result.append((prefix + name, tensor))
        }
        let path = ancestors + [ObjectIdentifier(self)]
        for case let (name, .module(child)) in members {
            child.checkNotAncestor(path, name: prefix + name)
            child.collectParameters(prefix: prefix + name + ".", ancestors: path, into: &result)
        }
    }

    /// Stops on a module that contains itself (e.g. a stored reference to a parent), which would
    /// make every walk of the tree endless.
    private func checkNotAncestor(_ ancestors: [ObjectIdentifier], name: String) {
        if ancestors.contains(ObjectIdentifier(self)) {
            programmerError("\(typeName) at '\(name)' contains itself: a module tree cannot have cycles "
                                + "(keep references to parent modules out of stored properties)",
                            file: #filePath, line: #line)
        }
    }
}
