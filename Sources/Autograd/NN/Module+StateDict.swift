/// Why ``Module/loadStateDict(_:strict:)`` refused a state dict; nothing was loaded.
///
/// Its ``description`` is PyTorch's message, one problem per line:
/// ```
/// Error(s) in loading state_dict for SharedNet:
///     Missing key(s) in state_dict: "layers.output.bias".
///     size mismatch for layers.input.weight: copying a param with shape [6, 8] from checkpoint, the shape in current model is [8, 4].
/// ```
public struct StateDictError: Error, CustomStringConvertible, Equatable {
    /// The class name of the module that refused the dict.
    public let moduleName: String
    /// One message per problem, in PyTorch's words and order (missing, unexpected, sizes, ties).
    public let messages: [String]
    /// Names the module has and the dict lacks (reported as an error only when strict).
    public let missingKeys: [String]
    /// Names the dict has and the module lacks (reported as an error only when strict).
    public let unexpectedKeys: [String]

    public var description: String {
        "Error(s) in loading state_dict for \(moduleName):\n\t" + messages.joined(separator: "\n\t")
    }
}

/// What a successful non-strict ``Module/loadStateDict(_:strict:)`` left out (PyTorch's
/// `_IncompatibleKeys`); both are empty after a strict load.
public struct LoadedKeys: Equatable {
    /// Names the module has and the dict lacks: those parameters kept their values.
    public let missingKeys: [String]
    /// Names the dict has and the module lacks: those entries were ignored.
    public let unexpectedKeys: [String]
}

extension Module {
    /// Every parameter under every name, tied names included (as PyTorch's `state_dict()`), in the
    /// order of ``namedParameters(removeDuplicates:)``.
    ///
    /// Unlike PyTorch, whose state dict shares storage with the parameters, the values are
    /// snapshots: training after taking a state dict does not change it.
    public func stateDict() -> StateDict {
        StateDict(namedParameters(removeDuplicates: false).map { name, tensor in
            (name, tensor.detach())
        })
    }

    /// Copies the values of `dict` into the parameters in place, so tensors keep their identity and
    /// tied parameters stay tied (PyTorch's `load_state_dict`).
    ///
    /// Checks everything before copying anything, and throws a ``StateDictError`` worded like
    /// PyTorch's for missing and unexpected keys (only when `strict`) and for size mismatches
    /// (always). Better than PyTorch, it also refuses a dict whose entries for tied names (names
    /// reaching one tensor) hold different values, where PyTorch silently keeps the last one.
    @discardableResult
    public func loadStateDict(_ dict: StateDict, strict: Bool = true) throws(StateDictError) -> LoadedKeys {
        let named = namedParameters(removeDuplicates: false)
        let names = named.map(\.name)
        let ownNames = Set(names)
        let missing = names.filter { dict[$0] == nil }
        let unexpected = dict.keys.filter { !ownNames.contains($0) }

        var messages: [String] = []
        if strict && !missing.isEmpty {
            messages.append("Missing key(s) in state_dict: \(Self.quoted(missing)).")
        }
        if strict && !unexpected.isEmpty {
            messages.append("Unexpected key(s) in state_dict: \(Self.quoted(unexpected)).")
        }
        for (name, tensor) in named {
            if let value = dict[name], value.shape != tensor.shape {
                messages.append("size mismatch for \(name): copying a param with shape \(value.shape) from "
                                    + "checkpoint, the shape in current model is \(tensor.shape).")
            }
        }
        messages += tieDisagreements(in: dict, named)
        if !messages.isEmpty {
            throw StateDictError(moduleName: typeName, messages: messages, missingKeys: missing,
                                 unexpectedKeys: unexpected)
        }

        var loaded = Set<ObjectIdentifier>()
        for (name, tensor) in named {
            guard let value = dict[name], loaded.insert(ObjectIdentifier(tensor)).inserted else { continue }
            tensor.data = value.data
        }
        return LoadedKeys(missingKeys: missing, unexpectedKeys: unexpected)
    }

    /// One message per tied group whose entries in `dict` (of the right shape) differ in value.
    private func tieDisagreements(in dict: StateDict, _ named: [(name: String, tensor: Tensor)]) -> [String] {
        var firstName: [ObjectIdentifier: String] = [:]
        var reported = Set<ObjectIdentifier>()
        var messages: [String] = []
        for (name, tensor) in named {
            guard let value = dict[name], value.shape == tensor.shape else { continue }
            let id = ObjectIdentifier(tensor)
            guard let first = firstName[id] else {
                firstName[id] = name
                continue
            }
            let reference = dict[first]!
            let same = zip(reference.data, value.data).allSatisfy { $0.bitPattern == $1.bitPattern }
            if !same && reported.insert(id).inserted {
                messages.append("tied parameters \(first) and \(name) are one tensor in \(typeName) but have "
                                    + "different values in state_dict (PyTorch would silently keep the last one)")
            }
        }
        return messages
    }

    /// Names as PyTorch lists them in load errors: `"a", "b"`.
    private static func quoted(_ names: [String]) -> String {
        names.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
