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

    /// The elements of a tensor of rank 1 or more (empty for a scalar, which keeps its value inline).
    @exclusivity(unchecked) private var storage: [Float]
    /// The size of each dimension; `[]` for a scalar.
    public let shape: [Int]
    /// Whether gradients flow to (and, for leaves, accumulate in) this tensor.
    @exclusivity(unchecked) public var requiresGrad: Bool
    /// The value of a scalar (shape `[]`): kept inline, so a scalar op allocates no array.
    @exclusivity(unchecked) private var scalar: Float = 0
    /// The accumulated gradient of a leaf after ``backward(_:retainGraph:file:line:)``.
    @exclusivity(unchecked) public var grad: Tensor?
    /// The node that produced this tensor; nil for leaves (tensors made by the user).
    @exclusivity(unchecked) public internal(set) var gradFn: GradFn?

    /// The elements in row-major order (a scalar's one-element array is made when read; ops reach
    /// the elements without copying through `withUnsafeBufferPointer`).
    ///
    /// Reading them inside a traced function makes ``trace(_:parameters:file:line:_:)`` throw: a
    /// trace cannot see what Swift code does with the values, nor (a property has no caller
    /// location) where they were read. Read a value with ``item(file:line:)`` there instead.
    public internal(set) var data: [Float] {
        get {
            if let observer = TapeState.current.observer { observer.didReadElements(self) }
            return elements
        }
        set { elements = newValue }
        _modify { yield &elements }
    }

    /// The elements, read without telling the tape's observer (the library's own reads).
    var elements: [Float] {
        get { shape.isEmpty ? [scalar] : storage }
        set {
            if shape.isEmpty { scalar = newValue[0] } else { storage = newValue }
        }
        _modify {
            if shape.isEmpty {
                var elements = [scalar]
                defer { scalar = elements[0] }
                yield &elements
            } else {
                yield &storage
            }
        }
    }

    /// Whether the tensor was made by the user rather than by a recorded op.
    public var isLeaf: Bool { gradFn == nil }
    /// The number of elements.
    public var count: Int { shape.isEmpty ? 1 : storage.count }
    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// Wraps data whose count is already known to match `shape` (used by ops and kernels).
    init(uncheckedData data: [Float], shape: [Int]) {
        self.storage = shape.isEmpty ? [] : data
        self.shape = shape
        self.requiresGrad = false
        if shape.isEmpty { scalar = data[0] }
    }

    /// A scalar (shape `[]`) holding `value`, not yet requiring a gradient (used by ops and kernels).
    init(scalar value: Float) {
        self.storage = []
        self.shape = []
        self.requiresGrad = false
        self.scalar = value
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
        self.storage = shape.isEmpty ? [] : data
        self.shape = shape
        self.requiresGrad = requiresGrad
        if shape.isEmpty { scalar = data[0] }
    }

    /// A scalar tensor (shape `[]`), like `torch.tensor(3.5)`.
    public convenience init(_ scalar: Float, requiresGrad: Bool = false) {
        self.init(scalar: scalar)
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
        guard count == 1 else {
            programmerError("a Tensor with \(count) elements cannot be converted to Scalar",
                            file: file, line: line)
        }
        let value = element(0)
        if let observer = TapeState.current.observer {
            observer.didRead(self, value: formatElement(value), file: file, line: line)
        }
        return value
    }

    /// Element `i` in row-major order, read in place (reading `data` makes an array for a scalar).
    @inline(__always)
    func element(_ i: Int) -> Float { shape.isEmpty ? scalar : storage[i] }

    /// Calls `body` with the elements in row-major order.
    @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        guard shape.isEmpty else { return try storage.withUnsafeBufferPointer(body) }
        return try withUnsafePointer(to: scalar) { try body(UnsafeBufferPointer(start: $0, count: 1)) }
    }

    /// Calls `body` with the elements in row-major order, to change them in place.
    @inline(__always)
    func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        guard shape.isEmpty else { return try storage.withUnsafeMutableBufferPointer { try body($0) } }
        return try withUnsafeMutablePointer(to: &scalar) { try body(UnsafeMutableBufferPointer(start: $0, count: 1)) }
    }

    /// A new leaf holding this tensor's values, cut off from the graph: a snapshot, where PyTorch's
    /// `tensor.detach()` is an alias.
    ///
    /// The result does not require a gradient. Its elements are this tensor's until either tensor
    /// is written (copy on write: detaching copies nothing), so a later in-place change to one of
    /// them — ``Optimizer/step()`` updating a parameter, ``Module/loadStateDict(_:strict:)`` — does
    /// not show in the other. It behaves like PyTorch's `tensor.detach().clone()`; PyTorch's
    /// `detach()` shares storage, and there both tensors see such a change.
    public func detach() -> Tensor {
        withShape(shape)
    }

    /// A new, unrecorded tensor of `shape` (with as many elements) holding this tensor's elements:
    /// the storage is shared until either tensor is written, and a scalar's value is copied without
    /// making an array (as reading `data` would).
    func withShape(_ shape: [Int]) -> Tensor {
        if shape.isEmpty { return Tensor(scalar: element(0)) }
        return Tensor(uncheckedData: self.shape.isEmpty ? [scalar] : storage, shape: shape)
    }

    /// Clears the accumulated gradient (sets it to nil, as PyTorch's `zero_grad()` does by default).
    public func zeroGrad() {
        grad = nil
    }
}
