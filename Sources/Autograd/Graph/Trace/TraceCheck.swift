/// Two traces of the same code compared op by op (see ``TracedFunction/check(with:)``).
public struct TraceCheck: CustomStringConvertible {
    /// Each op where the traces disagree, in words.
    public let differences: [String]
    /// Frozen values (reads, draws) that came out differently the second time, in words:
    /// the likely reason for the differences.
    public let changedValues: [String]
    /// Ops in the first and in the second trace.
    public let counts: (first: Int, second: Int)

    /// Whether both traces recorded the same ops on the same shapes (frozen values may differ
    /// without changing what was recorded, e.g. a sum read only for a threshold).
    public var agrees: Bool { differences.isEmpty }

    init(first: [Tracer.Step], second: [Tracer.Step], firstWarnings: [TraceWarning], secondWarnings: [TraceWarning]) {
        var differences: [String] = []
        for i in 0..<max(first.count, second.count) {
            let a = i < first.count ? first[i].text : "(trace ended)"
            let b = i < second.count ? second[i].text : "(trace ended)"
            if a != b { differences.append("op \(i + 1): first trace \(a); second trace \(b)") }
        }
        self.differences = differences
        changedValues = zip(firstWarnings, secondWarnings).filter { $0.value != $1.value }.map { a, b in
            "\(a.what) at \(displayPath(a.file)):\(a.line) was \(a.value), now \(b.value)"
        }
        counts = (first.count, second.count)
    }

    public var description: String {
        if agrees { return "traces agree: \(counts.first) ops" }
        let header = "traces differ (\(counts.first) ops vs \(counts.second)) at \(differences.count) op\(differences.count == 1 ? "" : "s"):"
        let values = changedValues.isEmpty ? [] : ["frozen values that changed:"] + changedValues.map { "  " + $0 }
        return ([header] + differences.map { "  " + $0 } + values).joined(separator: "\n")
    }
}
