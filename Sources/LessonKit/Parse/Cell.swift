/// An attribute written after `swift` in a cell's info string.
public enum CellAttribute: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    /// Runs, but is not shown on the page (setup code).
    case hidden
    /// Compiled, not run.
    case norun
    /// Shown only: neither compiled nor run.
    case skip
    /// Expected to stop with an error whose text (after the cell's stdout) the output block matches;
    /// the lesson continues after it with the state from before it.
    case shouldFail = "should-fail"
    /// Expected not to compile; the output block matches the diagnostic.
    case compileFail = "compile-fail"

    public static func < (a: CellAttribute, b: CellAttribute) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A Swift cell: code that runs in order with the lesson's other cells and shares their state.
public struct Cell: Codable, Hashable, Sendable {
    /// Position among the lesson's Swift cells (0-based); `LessonResult.cells[index]` is its result.
    public var index: Int
    /// The ```` ```swift ```` fence.
    public var code: Fence
    /// The attributes this runner knows; unknown words are kept in `unknownAttributes`.
    public var attributes: Set<CellAttribute>
    /// Info-string words after `swift` that are not attributes (a plan error).
    public var unknownAttributes: [String]
    /// The ```` ```output ```` fence right after the cell, if any.
    public var output: Fence?
    /// The ```` ```python pytorch ```` fence right after the cell (or after its output), if any.
    public var pythonTwin: Fence?
    /// The ```` ```output ```` fence right after the PyTorch twin: the twin's expected output.
    public var twinOutput: Fence?

    /// The cell's Swift source.
    public var source: String { code.content }
    /// The line of the opening ```` ```swift ```` fence.
    public var line: Int { code.line }
    public func has(_ attribute: CellAttribute) -> Bool { attributes.contains(attribute) }

    public init(index: Int, code: Fence, attributes: Set<CellAttribute>, unknownAttributes: [String],
                output: Fence?, pythonTwin: Fence?, twinOutput: Fence? = nil) {
        self.index = index
        self.code = code
        self.attributes = attributes
        self.unknownAttributes = unknownAttributes
        self.output = output
        self.pythonTwin = pythonTwin
        self.twinOutput = twinOutput
    }
}
