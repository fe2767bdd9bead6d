/// What `compile` did, pass by pass, printable in a lesson (the text is the same on every run).
///
/// ```
/// compile: 31 nodes
///   constant folding        31 → 29   folded 2 nodes into constants
///   common subexpressions   29 → 28   merged 1 duplicate
///   dead code               28 → 26   removed 2 unused nodes
///   elementwise fusion      26 → 21   fused 3 chains: linear+relu, linear+relu, sub+mul
///   buffer planning         21 nodes  17 values in 6 buffers: 3,232 bytes planned vs 9,616 one buffer per node
/// ```
public struct CompileReport: CustomStringConvertible {
    /// One pass's effect on the graph.
    public struct PassResult {
        /// The pass's name, e.g. "dead code".
        public let pass: String
        /// Node count before the pass.
        public let nodesBefore: Int
        /// Node count after the pass.
        public let nodesAfter: Int
        /// What the pass did, in words.
        public let detail: String
    }

    /// Node count of the graph handed to `compile` (after dropping nothing).
    public let nodesIn: Int
    /// Results of the passes, in the order they ran.
    public internal(set) var passes: [PassResult] = []
    /// Number of computed values that live in planned buffers.
    public internal(set) var plannedValues = 0
    /// Number of distinct buffers the plan uses.
    public internal(set) var bufferCount = 0
    /// Bytes of the planned buffers.
    public internal(set) var plannedBytes = 0
    /// Bytes needed if every computed value had its own buffer.
    public internal(set) var naiveBytes = 0
    /// Whether buffer planning ran (otherwise every value has its own buffer).
    public internal(set) var planned = false

    /// Takes the memory figures of the buffer plan.
    mutating func record(_ memory: ExecutionPlan.Memory) {
        plannedValues = memory.plannedValues
        bufferCount = memory.bufferCount
        plannedBytes = memory.plannedBytes
        naiveBytes = memory.naiveBytes
        planned = memory.planned
    }

    /// The result of the pass named `name`, if it ran.
    public func result(of name: String) -> PassResult? { passes.first { $0.pass == name } }

    public var description: String {
        var lines = ["compile: \(nodesIn) nodes"]
        let width = max(22, passes.map(\.pass.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        for p in passes {
            lines.append("  " + pad(p.pass, width) + "  " + pad("\(p.nodesBefore) → \(p.nodesAfter)", 9) + " " + p.detail)
        }
        let memory = planned
            ? "\(plannedValues) values in \(bufferCount) buffers: \(CompileReport.bytes(plannedBytes)) planned vs \(CompileReport.bytes(naiveBytes)) one buffer per node"
            : "\(plannedValues) values, one buffer each: \(CompileReport.bytes(naiveBytes))"
        lines.append("  " + pad("memory", width) + "  " + memory)
        return lines.joined(separator: "\n")
    }

    /// `12345` → `"12,345 bytes"`.
    static func bytes(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(d)
        }
        return out + " bytes"
    }
}
