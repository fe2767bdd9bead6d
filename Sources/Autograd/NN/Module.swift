/// A parameter or a submodule found on a ``Module``.
public enum ModuleMember {
    /// A tensor stored on the module: one of its parameters.
    case parameter(Tensor)
    /// A module stored on the module: one of its children.
    case module(Module)
}

/// The base class of every layer and model, like `torch.nn.Module`.
///
/// Subclass it, store layers and tensors in properties, and override ``forward(_:)``:
///
/// ```swift
/// final class TwoLayer: Module {
///     let hidden = Linear(4, 8)
///     let output = Linear(8, 2)
///     override func forward(_ x: Tensor) -> Tensor { output(hidden(x).relu()) }
/// }
/// ```
///
/// There is nothing to register: parameters and submodules are found by reflection over the stored
/// properties (those of superclasses first) whose type is `Tensor`, `Tensor?`, a `Module` subclass
/// or an optional one (`ModuleList`, `ModuleDict` and `Sequential` are modules). Every stored
/// `Tensor` is a parameter, frozen or not (`requiresGrad` false keeps it a parameter). Names are
/// PyTorch's dotted paths built from the Swift property names: `inputLayer.weight`,
/// `layers.input.weight`. As in PyTorch, a module's own parameters come before its children's, and
/// tensors or modules kept in other containers (arrays, dictionaries, closures) are not found.
open class Module: CustomStringConvertible {
    /// Whether the module is in training mode (PyTorch's `training`); see ``train(_:)`` and ``eval()``.
    public internal(set) var isTraining = true

    /// A module with no members yet.
    public init() {}

    /// The computation of the module. Subclasses override it; call the module itself (`model(x)`).
    open func forward(_ input: Tensor) -> Tensor {
        programmerError("\(typeName) does not override forward(_:) (ModuleList and ModuleDict have no "
                            + "forward: call their elements)", file: #filePath, line: #line)
    }

    /// Runs ``forward(_:)``, like calling a PyTorch module.
    ///
    /// A shape error inside the module names this call's line (`file`/`line` default to the caller's).
    public func callAsFunction(_ input: Tensor, file: String = #filePath, line: Int = #line) -> Tensor {
        withCallSite(file: file, line: line) { forward(input) }
    }

    /// The direct parameters and submodules, in declaration order, with their property names.
    ///
    /// The default finds them by reflection over stored properties; containers override it
    /// (`ModuleList` names its elements `0`, `1`, …, `ModuleDict` by its keys).
    open func members() -> [(name: String, member: ModuleMember)] {
        var mirrors: [Mirror] = []
        var next: Mirror? = Mirror(reflecting: self)
        while let mirror = next {
            mirrors.append(mirror)
            next = mirror.superclassMirror
        }
        var found: [(name: String, member: ModuleMember)] = []
        for mirror in mirrors.reversed() {
            for child in mirror.children {
                guard let label = child.label else { continue }
                let name = label.hasPrefix(Self.lazyPrefix) ? String(label.dropFirst(Self.lazyPrefix.count)) : label
                if let tensor = child.value as? Tensor {
                    found.append((name, .parameter(tensor)))
                } else if let module = child.value as? Module {
                    found.append((name, .module(module)))
                }
            }
        }
        return found
    }

    /// Replaces the direct parameter `name` of this module by `tensor`; false when this module
    /// cannot (reflection reads properties but cannot write them).
    ///
    /// ``tie(_:to:)`` uses it. ``Linear`` implements it for `weight` and `bias`; a custom module that
    /// stores its own tensors overrides it to support ``tie(_:to:)``:
    /// `if name == "scale" { scale = tensor; return true }; return false`.
    open func assignParameter(named name: String, to tensor: Tensor) -> Bool {
        false
    }

    /// The text inside the parentheses of ``Module/description`` (PyTorch's `extra_repr`), e.g.
    /// `inFeatures: 4, outFeatures: 8, bias: true`.
    open var extraDescription: String { "" }

    /// The module tree as PyTorch prints it, one child per line:
    /// `TwoLayer(\n  (hidden): Linear(inFeatures: 4, outFeatures: 8, bias: true)\n  …\n)`.
    public var description: String {
        let children = namedChildren()
        guard !children.isEmpty else { return "\(typeName)(\(extraDescription))" }
        var lines = ["\(typeName)(" + extraDescription]
        for (name, child) in children {
            let text = child.description.split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "\n  ")
            lines.append("  (\(name)): " + text)
        }
        lines.append(")")
        return lines.joined(separator: "\n")
    }

    /// The class name, as errors and ``description`` print it.
    public var typeName: String { String(describing: type(of: self)) }

    /// How Swift labels the storage of a `lazy var` in a mirror.
    private static let lazyPrefix = "$__lazy_storage_$_"
}
