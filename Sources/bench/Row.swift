/// One line of the report: our figure for a workload beside PyTorch's.
struct Row: Encodable {
    /// The key of the workload in `torch_bench.py`'s JSON (and ours).
    let key: String
    let title: String
    /// `µs`, `GFLOP/s`, `×` or `MiB`.
    let unit: String
    let median: Double
    /// The best run: the shortest time, or the highest throughput.
    let best: Double?
    let mean: Double?
    let iterations: Int?
    let torch: Double?
    /// How our figure compares with PyTorch's.
    let comparison: Comparison
    /// What the issue asks of this workload, if anything.
    let target: Target?

    /// How many times faster than PyTorch (above 1: we are faster), from our median.
    var speedup: Double? {
        guard let torch, torch > 0, median > 0 else { return nil }
        switch comparison {
        case .time: return torch / median
        case .throughput: return median / torch
        case .sideBySide: return nil
        }
    }

    private enum CodingKeys: String, CodingKey {
        case key, title, unit, median, best, mean, iterations, torch, speedup, target, meetsTarget
    }

    /// The row as JSON: its figures, the speed-up, the target's text and whether it is met.
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(title, forKey: .title)
        try c.encode(unit, forKey: .unit)
        try c.encode(median, forKey: .median)
        try c.encodeIfPresent(best, forKey: .best)
        try c.encodeIfPresent(mean, forKey: .mean)
        try c.encodeIfPresent(iterations, forKey: .iterations)
        try c.encodeIfPresent(torch, forKey: .torch)
        try c.encodeIfPresent(speedup, forKey: .speedup)
        try c.encodeIfPresent(target?.text, forKey: .target)
        try c.encodeIfPresent(meetsTarget, forKey: .meetsTarget)
    }

    /// Whether the target is met (nil without a target).
    var meetsTarget: Bool? {
        guard let target else { return nil }
        switch target {
        case .speedup(let factor): return speedup.map { $0 >= factor }
        case .atLeast(let value): return median >= value
        }
    }
}

/// How a figure is compared with PyTorch's.
enum Comparison {
    /// Lower is better: the speed-up is PyTorch's time over ours.
    case time
    /// Higher is better: the speed-up is our figure over PyTorch's.
    case throughput
    /// Shown beside PyTorch's, without a speed-up (a ratio of two of our own times).
    case sideBySide
}

/// A goal from issue 7.
enum Target {
    /// At least this many times faster than PyTorch.
    case speedup(Double)
    /// Our own figure at least this high.
    case atLeast(Double)

    var text: String {
        switch self {
        case .speedup(let factor): return "≥ \(Report.number(factor))× PyTorch"
        case .atLeast(let value): return "≥ \(Report.number(value))"
        }
    }
}
