/// Our figures for one workload in one round (PyTorch's are put beside them by ``Summary``).
struct Row: Encodable {
    /// The key of the workload in `torch_bench.py`'s JSON (and ours).
    let key: String
    let title: String
    /// `µs`, `GFLOP/s`, `×`, `%` or `MiB`.
    let unit: String
    /// The figure compared with PyTorch's: for timed workloads the mean over the timed runs, as
    /// `torch_bench.py` reports; for derived rows the one value (a ratio, a share, a memory size).
    let figure: Double
    /// The median run (timed workloads only).
    let median: Double?
    /// The best run: the shortest time, or the highest throughput (timed workloads only).
    let best: Double?
    let iterations: Int?
    /// How our figure compares with PyTorch's.
    let comparison: Comparison
    /// What the issue asks of this workload, if anything.
    let target: Target?

    private enum CodingKeys: String, CodingKey {
        case figure, median, best, iterations
    }

    /// The row as JSON: only the measured figures (the rest is its ``Summary``'s).
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(figure, forKey: .figure)
        try c.encodeIfPresent(median, forKey: .median)
        try c.encodeIfPresent(best, forKey: .best)
        try c.encodeIfPresent(iterations, forKey: .iterations)
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

    /// How many times faster than PyTorch (above 1: we are faster), nil without a speed-up.
    func speedup(ours: Double, torch: Double?) -> Double? {
        guard let torch, torch > 0, ours > 0 else { return nil }
        switch self {
        case .time: return torch / ours
        case .throughput: return ours / torch
        case .sideBySide: return nil
        }
    }
}

/// A goal set by an issue (7: speed-ups and sgemm throughput; 16: every step near its GEMM floor).
enum Target {
    /// At least this many times faster than PyTorch.
    case speedup(Double)
    /// Our own figure at least this high.
    case atLeast(Double)
    /// Our own figure at most this high (a ratio to a floor).
    case atMost(Double)

    var text: String {
        switch self {
        case .speedup(let factor): return "≥ \(Report.number(factor))× PyTorch"
        case .atLeast(let value): return "≥ \(Report.number(value))"
        case .atMost(let value): return "≤ \(Report.number(value))"
        }
    }
}
