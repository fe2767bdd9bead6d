/// What SGD and Adam share: a list of distinct parameters they update in place from their `grad`.
public protocol Optimizer: AnyObject {
    /// The parameters, each tensor once, in the order they were given.
    var parameters: [Tensor] { get }
    /// Updates every parameter that has a gradient (those whose `grad` is nil are skipped).
    func step()
    /// Adds parameters that appeared after the optimizer was made (e.g. a layer appended to a
    /// ``ModuleList``), like PyTorch's `add_param_group`; tensors already present are ignored.
    func add(parameters: [Tensor], file: String, line: Int)
}

extension Optimizer {
    /// Sets every parameter's gradient to nil (PyTorch's `zero_grad()`, `set_to_none` by default).
    public func zeroGrad() {
        for parameter in parameters { parameter.grad = nil }
    }
}

/// The distinct tensors of a parameter list, in first-seen order (identity, not value, decides).
struct DistinctParameters {
    private(set) var tensors: [Tensor] = []
    private var ids = Set<ObjectIdentifier>()

    /// Appends the tensors not yet present and returns how many were new; a tensor produced by an
    /// op (not a leaf) is a programmer error, as in PyTorch.
    mutating func add(_ parameters: [Tensor], file: String, line: Int) -> Int {
        var added = 0
        for parameter in parameters {
            if !parameter.isLeaf {
                programmerError("can't optimize a non-leaf Tensor", file: file, line: line)
            }
            if ids.insert(ObjectIdentifier(parameter)).inserted {
                tensors.append(parameter)
                added += 1
            }
        }
        return added
    }
}

/// Per-parameter optimizer state (a momentum or moment buffer): zeros the size of the parameter,
/// owned by the optimizer and updated in place by its inner loops.
final class StateBuffer {
    let values: UnsafeMutableBufferPointer<Float>

    init(count: Int) {
        values = .allocate(capacity: count)
        values.initialize(repeating: 0)
    }

    deinit { values.deallocate() }
}

/// Runs `body` on a parameter's values (for writing) and its gradient's (for reading), trapping
/// when someone stored a gradient of another shape.
func withValues(of parameter: Tensor, _ grad: Tensor, optimizer: String,
                _ body: (UnsafeMutableBufferPointer<Float>, UnsafeBufferPointer<Float>) -> Void) {
    if grad.shape != parameter.shape {
        programmerError("\(optimizer).step(): the gradient's shape \(grad.shape) differs from its parameter's "
                            + "\(parameter.shape)", file: #filePath, line: #line)
    }
    grad.withUnsafeBufferPointer { g in
        parameter.withUnsafeMutableBufferPointer { p in body(p, g) }
    }
}
