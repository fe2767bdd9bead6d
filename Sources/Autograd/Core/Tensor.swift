/// An n-dimensional array of `Float` that records the operations producing it, like `torch.Tensor`.
///
/// Tensors have reference semantics: assigning a tensor shares it. Storage is row-major and
/// contiguous. A tensor produced by an op while grad mode is on and some input requires a gradient
/// points at the ``GradFn`` node that made it; ``backward(_:retainGraph:file:line:)`` walks those
/// nodes in reverse and accumulates gradients into the leaves' ``grad``.
public final class Tensor {
    // The mutable stored properties opt out of Swift's run-time exclusivity checks
    // (`@exclusivity(unchecked)`): every op reads and writes several of them, the checks cost about a
    // third of the time of a scalar op, and the library never holds two overlapping accesses.

    /// The elements in row-major order.
    @exclusivity(unchecked) public internal(set) var data: [Float]
    /// The size of each dimension; `[]` for a scalar.
    public let shape: [Int]
    /// Whether gradients flow to (and, for leaves, accumulate in) this tensor.
    @exclusivity(unchecked) public var requiresGrad: Bool
    /// The accumulated gradient of a leaf after ``backward(_:retainGraph:file:line:)``.
    @exclusivity(unchecked) public var grad: Tensor?
    /// The node that produced this tensor; nil for leaves (tensors made by the user).
    @exclusivity(unchecked) public internal(set) var gradFn: GradFn?

    /// Whether the tensor was made by the user rather than by a recorded op.
    public var isLeaf: Bool { gradFn == nil }
    /// The number of elements.
    public var count: Int { data.count }
    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// Wraps data whose count is already known to match `shape` (used by ops and kernels).
    init(uncheckedData data: [Float], shape: [Int]) {
        self.data = data
        self.shape = shape
        self.requiresGrad = false
    }

    /// A tensor of `shape` holding `data` in row-major order.
    public init(_ data: [Float], shape: [Int], requiresGrad: Bool = false,
                file: String = #filePath, line: Int = #line) {
        let expected = shape.reduce(1, *)
        if shape.contains(where: { $0 < 0 }) {
            programmerError("negative dimension in shape \(shape)", file: file, line: line)
        }
        if expected != data.count {
            programmerError("shape '\(shape)' is invalid for input of size \(data.count)", file: file, line: line)
        }
        self.data = data
        self.shape = shape
        self.requiresGrad = requiresGrad
    }

    /// A scalar tensor (shape `[]`), like `torch.tensor(3.5)`.
    public convenience init(_ scalar: Float, requiresGrad: Bool = false) {
        self.init(uncheckedData: [scalar], shape: [])
        self.requiresGrad = requiresGrad
    }

    /// A vector (shape `[n]`), like `torch.tensor([1.0, 2.0])`.
    public convenience init(_ values: [Float], requiresGrad: Bool = false) {
        self.init(uncheckedData: values, shape: [values.count])
        self.requiresGrad = requiresGrad
    }

    /// A matrix (shape `[rows, columns]`) from equally long rows, like `torch.tensor([[1, 2], [3, 4]])`.
    public convenience init(_ rows: [[Float]], requiresGrad: Bool = false,
                            file: String = #filePath, line: Int = #line) {
        let columns = rows.first?.count ?? 0
        for (i, row) in rows.enumerated() where row.count != columns {
            programmerError("expected sequence of length \(columns) at dim 1 (got \(row.count)) in row \(i)",
                            file: file, line: line)
        }
        self.init(uncheckedData: Array(rows.joined()), shape: [rows.count, columns])
        self.requiresGrad = requiresGrad
    }

    /// The single value of a one-element tensor, like `tensor.item()`; tracers are told about the read.
    public func item(file: String = #filePath, line: Int = #line) -> Float {
        guard data.count == 1 else {
            programmerError("a Tensor with \(data.count) elements cannot be converted to Scalar",
                            file: file, line: line)
        }
        let value = data[0]
        if let observer = TapeState.current.observer {
            observer.didRead(self, value: formatElement(value), file: file, line: line)
        }
        return value
    }

    /// A new leaf sharing this tensor's values but cut off from the graph, like `tensor.detach()`.
    public func detach() -> Tensor {
        Tensor(uncheckedData: data, shape: shape)
    }

    /// Clears the accumulated gradient (sets it to nil, as PyTorch's `zero_grad()` does by default).
    public func zeroGrad() {
        grad = nil
    }
}
