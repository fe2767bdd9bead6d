/// An attribute written after `python pytorch` in a twin's info string; they mean what the Swift
/// cell attributes of the same name mean.
public enum TwinAttribute: String, Codable, Hashable, Sendable, CaseIterable {
    /// Runs, but is not shown on the page (setup the Swift side does not need).
    case hidden
    /// Compiled (syntax-checked), not run.
    case norun
    /// Shown only: neither compiled nor run.
    case skip
    /// Expected to raise; its output block matches what it printed, then the exception line
    /// (`RuntimeError: mat1 and mat2 shapes cannot be multiplied (3x6 and 4x6)`).
    case shouldFail = "should-fail"
}

/// A cell's PyTorch twin: Python that runs, in document order, in the lesson's one Python namespace.
public struct Twin: Hashable, Sendable {
    /// Position among the lesson's twins (0-based); `LessonResult.twins[index]` is its result.
    public var index: Int
    /// The index of the Swift cell it is the twin of.
    public var cellIndex: Int
    /// The ```` ```python pytorch ```` fence.
    public var code: Fence
    public var attributes: Set<TwinAttribute>
    /// Info-string words after `python pytorch` that are not attributes (a plan error).
    public var unknownAttributes: [String]
    /// The ```` ```output ```` fence right after the twin: what it must print.
    public var output: Fence?

    /// The line of the opening fence.
    public var line: Int { code.line }
    public var source: String { code.content }
    public func has(_ attribute: TwinAttribute) -> Bool { attributes.contains(attribute) }

    /// The twin of `cell`, if it has one.
    init?(of cell: Cell, index: Int) {
        guard let fence = cell.pythonTwin else { return nil }
        self.index = index
        cellIndex = cell.index
        code = fence
        attributes = []
        unknownAttributes = []
        output = cell.twinOutput
        for word in fence.words where word != "pytorch" {
            if let attribute = TwinAttribute(rawValue: word) { attributes.insert(attribute) } else { unknownAttributes.append(word) }
        }
    }
}

extension Lesson {
    /// The PyTorch twins in document order; `twins[i].index == i`.
    public var twins: [Twin] {
        var twins: [Twin] = []
        for cell in cells {
            if let twin = Twin(of: cell, index: twins.count) { twins.append(twin) }
        }
        return twins
    }
}
