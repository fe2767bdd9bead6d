/// Why ``Module/tie(_:to:)`` refused to tie two parameters; the model is unchanged.
public struct TieError: Error, CustomStringConvertible, Equatable {
    /// The message naming both parameters, e.g.
    /// `cannot tie layers.hidden.weight [6, 8] to layers.input.weight [8, 4]: shapes differ`.
    public let message: String
    public var description: String { message }
}

extension Module {
    /// Makes the parameter `name` reach the same tensor as the parameter `source` (weight tying),
    /// after checking that both exist and have one shape.
    ///
    /// `try model.tie("layers.hidden.weight", to: "layers.input.weight")` does what
    /// `hidden.weight = input.weight` does, but where PyTorch accepts a tie of mismatched shapes
    /// and fails only later in the forward pass ("mat1 and mat2 shapes cannot be multiplied"), this
    /// throws at the tie, naming both parameters:
    /// `cannot tie layers.hidden.weight [6, 8] to layers.input.weight [8, 4]: shapes differ`.
    /// The tensor `name` reached before is dropped. Afterwards ``namedParameters(removeDuplicates:)``
    /// lists the tensor once (under its first name) and ``sharedParameters()`` shows the group.
    ///
    /// The module owning `name` must be able to assign it (``assignParameter(named:to:)``):
    /// ``Linear`` can, custom modules that store tensors directly override that method.
    public func tie(_ name: String, to source: String) throws(TieError) {
        let named = namedParameters(removeDuplicates: false)
        func parameter(_ wanted: String) throws(TieError) -> Tensor {
            guard let found = named.first(where: { $0.name == wanted }) else {
                let known = named.map(\.name).joined(separator: ", ")
                throw TieError(message: "cannot tie \(name) to \(source): \(typeName) has no parameter "
                                   + "named \(wanted) (its parameters: \(known))")
            }
            return found.tensor
        }
        let target = try parameter(name)
        let shared = try parameter(source)
        guard target.shape == shared.shape else {
            throw TieError(message: "cannot tie \(name) \(target.shape) to \(source) \(shared.shape): shapes differ")
        }
        let (ownerPath, leaf) = Self.splitOwner(name)
        let owner = module(at: ownerPath)!
        guard owner.assignParameter(named: leaf, to: shared) else {
            throw TieError(message: "cannot tie \(name) to \(source): \(owner.typeName) cannot assign its "
                               + "parameter \(leaf) (override assignParameter(named:to:) in \(owner.typeName), "
                               + "or assign the property directly)")
        }
    }

    /// Splits `layers.hidden.weight` into the owning module's path `layers.hidden` and `weight`.
    private static func splitOwner(_ name: String) -> (owner: String, leaf: String) {
        guard let dot = name.lastIndex(of: ".") else { return ("", name) }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }
}
