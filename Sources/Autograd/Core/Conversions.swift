/// Reading a one-element tensor as a Swift number or truth value, like Python's `float(t)`,
/// `int(t)` and `bool(t)`. Each read goes through `item()`, so tracers see it (with the caller's line).
extension Float {
    /// The value of a one-element tensor.
    public init(_ tensor: Tensor, file: String = #filePath, line: Int = #line) {
        self = tensor.item(file: file, line: line)
    }
}

extension Int {
    /// The value of a one-element tensor, truncated toward zero.
    public init(_ tensor: Tensor, file: String = #filePath, line: Int = #line) {
        self.init(tensor.item(file: file, line: line))
    }
}

extension Bool {
    /// Whether a one-element tensor is non-zero.
    public init(_ tensor: Tensor, file: String = #filePath, line: Int = #line) {
        guard tensor.count == 1 else {
            programmerError("Boolean value of Tensor with more than one value is ambiguous", file: file, line: line)
        }
        self = tensor.item(file: file, line: line) != 0
    }
}
