/// One workload across all rounds: our figure and PyTorch's in each round, and the median of each
/// side across rounds, compared.
///
/// Each round pairs our figure with PyTorch's from the same round (or with the one fixed PyTorch
/// figure when PyTorch was not run), so the per-round speed-ups show how far machine noise moves
/// the comparison; the summary speed-up is the ratio of the two medians.
struct Summary: Encodable {
    /// Our figures and PyTorch's in one round.
    struct Round: Encodable {
        let autograd: Row
        let pytorch: Double?
        let speedup: Double?
    }

    /// The smallest and largest per-round speed-up.
    struct Spread: Encodable {
        let min: Double
        let max: Double
    }

    let key: String
    let title: String
    let unit: String
    let target: Target?
    let rounds: [Round]
    /// The median across rounds of our figure (the mean run for timed workloads).
    let figure: Double
    /// The median across rounds of our median run.
    let median: Double?
    /// The best run of all rounds.
    let best: Double?
    /// The median across rounds of PyTorch's figure.
    let torch: Double?
    /// PyTorch's median over ours (ours over PyTorch's for throughput); above 1: we are faster.
    let speedup: Double?
    /// The range of the per-round speed-ups, when there is more than one round.
    let spread: Spread?

    /// `rows` holds our row for this workload in each round, `torch` PyTorch's figure in the same round.
    init(rows: [Row], torch: [Double?]) {
        let first = rows[0]
        let comparison = first.comparison
        key = first.key
        title = first.title
        unit = first.unit
        target = first.target
        rounds = zip(rows, torch).map { row, torch in
            Round(autograd: row, pytorch: torch, speedup: comparison.speedup(ours: row.figure, torch: torch))
        }
        figure = rows.map(\.figure).median
        let medians = rows.compactMap(\.median)
        median = medians.isEmpty ? nil : medians.median
        let bests = rows.compactMap(\.best)
        best = comparison == .throughput ? bests.max() : bests.min()
        let torchFigures = torch.compactMap { $0 }
        self.torch = torchFigures.isEmpty ? nil : torchFigures.median
        speedup = comparison.speedup(ours: figure, torch: self.torch)
        let speedups = rounds.compactMap(\.speedup)
        spread = speedups.count > 1 ? Spread(min: speedups.min()!, max: speedups.max()!) : nil
    }

    /// Whether the target is met (nil without a target).
    var meetsTarget: Bool? {
        guard let target else { return nil }
        switch target {
        case .speedup(let factor): return speedup.map { $0 >= factor }
        case .atLeast(let value): return figure >= value
        case .atMost(let value): return figure <= value
        }
    }

    private enum CodingKeys: String, CodingKey {
        case key, title, unit, figure, median, best, torch, speedup, spread, target, meetsTarget, rounds
    }

    /// The summary figures, the target's text and whether it is met, then every round's figures.
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(title, forKey: .title)
        try c.encode(unit, forKey: .unit)
        try c.encode(figure, forKey: .figure)
        try c.encodeIfPresent(median, forKey: .median)
        try c.encodeIfPresent(best, forKey: .best)
        try c.encodeIfPresent(torch, forKey: .torch)
        try c.encodeIfPresent(speedup, forKey: .speedup)
        try c.encodeIfPresent(spread, forKey: .spread)
        try c.encodeIfPresent(target?.text, forKey: .target)
        try c.encodeIfPresent(meetsTarget, forKey: .meetsTarget)
        try c.encode(rounds, forKey: .rounds)
    }
}
