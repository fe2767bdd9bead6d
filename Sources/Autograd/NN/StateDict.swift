/// Named tensors in order, like PyTorch's `state_dict()` (an ordered dict of name → tensor).
///
/// Iterate it as `for (name, tensor) in dict`, look a name up with `dict["layers.input.weight"]`,
/// or build one from a literal: `["weight": w, "bias": b]`.
public struct StateDict: RandomAccessCollection, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    public typealias Element = (key: String, value: Tensor)

    /// The entries in order.
    public private(set) var entries: [Element] = []
    private var positions: [String: Int] = [:]

    /// An empty state dict.
    public init() {}

    /// A state dict of `entries` in order; a repeated name is a programmer error.
    public init(_ entries: [(String, Tensor)], file: String = #filePath, line: Int = #line) {
        for (key, value) in entries {
            if positions[key] != nil {
                programmerError("duplicate key '\(key)' in state dict", file: file, line: line)
            }
            positions[key] = self.entries.count
            self.entries.append((key, value))
        }
    }

    /// A state dict from a literal, in the literal's order.
    public init(dictionaryLiteral elements: (String, Tensor)...) {
        self.init(elements)
    }

    /// The names in order.
    public var keys: [String] { entries.map(\.key) }

    /// The tensor stored under `key`; setting nil removes the entry, setting a new key appends it.
    public subscript(key: String) -> Tensor? {
        get { positions[key].map { entries[$0].value } }
        set {
            if let newValue {
                if let index = positions[key] {
                    entries[index].value = newValue
                } else {
                    positions[key] = entries.count
                    entries.append((key, newValue))
                }
            } else if let index = positions.removeValue(forKey: key) {
                entries.remove(at: index)
                for i in index..<entries.count { positions[entries[i].key] = i }
            }
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }
    public subscript(position: Int) -> Element { entries[position] }

    /// One line per entry: `layers.input.weight: [6, 6]`.
    public var description: String {
        entries.map { "\($0.key): \($0.value.shape)" }.joined(separator: "\n")
    }
}
