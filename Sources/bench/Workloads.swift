import Autograd

/// The workloads of `torch_bench.py`, written with Autograd's API, timed run by run.
///
/// Iteration and warm-up counts are `torch_bench.py`'s (ten times more iterations for the short
/// scalar chain), the iterations multiplied by `scale` (at least one). Every run is timed alone:
/// the report compares the mean with PyTorch's (its script reports means) and shows the median
/// and the best run too.
struct Workloads {
    let scale: Double

    let batch = 64
    let depths: [Int]
    let x: Tensor, y: Tensor
    let net: DynamicNet
    let optimizer: SGD

    init(scale: Double) {
        self.scale = scale
        manualSeed(0)
        let draws = Generator(seed: 0)
        depths = (0..<1000).map { _ in Tensor.randint(0, 4, generator: draws) }
        x = Tensor.randn(batch, 1000)
        y = Tensor.randn(batch, 10)
        net = DynamicNet(1000, 100, 10)
        optimizer = SGD(net.parameters(), lr: 1e-4, momentum: 0.9)
    }

    func count(_ n: Int) -> Int { Swift.max(1, Int((Double(n) * scale).rounded())) }

    func row(_ key: String, _ title: String, _ timing: Timing, target: Target? = nil) -> Row {
        Row(key: key, title: title, unit: "µs", figure: timing.mean * 1e6, median: timing.median * 1e6,
            best: timing.min * 1e6, iterations: timing.samples.count, comparison: .time, target: target)
    }

    /// A row of ours holding one value rather than timed runs (a ratio, a share, a memory size), shown
    /// beside PyTorch's without a speed-up.
    func derived(_ key: String, _ title: String, _ value: Double, unit: String, target: Target? = nil) -> Row {
        Row(key: key, title: title, unit: unit, figure: value, median: nil, best: nil, iterations: nil,
            comparison: .sideBySide, target: target)
    }

    /// Times `workload`: its rows (several for the steps measured against their GEMM floors).
    func measure(_ workload: Workload) throws -> [Row] {
        switch workload {
        case .dynamicnet: return try dynamicNet()
        case .sharednet: return try sharedNet()
        case .chain: return [try scalarChain(), try compilerChain()]
        case .static: return try staticVersusEager()
        case .nograd: return [try noGradForward()]
        case .sgemm: return [try sgemm()]
        case .memory: return [peakMemory()]
        }
    }

    /// One DynamicNet training step at `depth`: forward, MSE (sum), backward, SGD (kept out of line
    /// so that `valgrind --tool=callgrind --toggle-collect` can count its instructions alone).
    @inline(never)
    func step(depth: Int) {
        let loss = mseLoss(net.forward(x, depth: depth), y, reduction: .sum)
        optimizer.zeroGrad()
        loss.backward()
        optimizer.step()
    }

    /// 1. DynamicNet steps with the depth drawn per step (0–3) from a seeded generator; then, depth by
    /// depth, the step timed in alternation with its matrix products alone (``GEMMFloor``), and
    /// step / floor.
    func dynamicNet() throws -> [Row] {
        var i = 0
        let timing = try Timing.measure(warmup: 20, iterations: count(500)) {
            step(depth: depths[i % depths.count])
            i += 1
        }
        var rows = [row("dynamicnet_step_us", "DynamicNet step, depth 0–3", timing, target: .speedup(2))]
        for depth in 0...3 {
            let floor = GEMMFloor(net, depth: depth, batch: batch)
            rows += try againstFloor(floor, key: "dynamicnet_depth\(depth)", title: "DynamicNet step, depth \(depth)",
                                     iterations: count(125)) { step(depth: depth) }
        }
        return rows
    }

    /// `step` timed in alternation with `floor`: the step's row, the floor's and step / floor (target
    /// ≤ 1.15, issue 16).
    func againstFloor(_ floor: GEMMFloor, key: String, title: String, iterations: Int,
                      _ step: @escaping () throws -> Void) throws -> [Row] {
        let timings = try Timing.measureAlternating(warmup: 10, iterations: iterations, [step, floor.run])
        let stepRow = row("\(key)_step_us", title, timings[0])
        let floorRow = row("\(key)_gemm_floor_us", "· its matrix products alone (\(floor.megaflops) MFLOP)", timings[1])
        return [stepRow, floorRow,
                derived("\(key)_step_over_floor", "· step / floor (medians)", stepRow.median! / floorRow.median!, unit: "×",
                        target: .atMost(1.15))]
    }

    /// 2. SharedNet (256 wide, one weight in three layers) steps with Adam, timed in alternation with
    /// its matrix products alone.
    func sharedNet() throws -> [Row] {
        let xs = Tensor.randn(64, 256), ys = Tensor.randn(64, 256)
        let model = SharedNet(256)
        let adam = Adam(model.parameters(), lr: 1e-3)
        let layers = ["input", "hidden", "output"].map { GEMMFloor.Application(model.layers[$0] as! Linear) }
        let floor = GEMMFloor(layers, batch: 64)
        // The step's key is torch_bench.py's, so it is compared with PyTorch's figure.
        return try againstFloor(floor, key: "sharednet", title: "SharedNet step (tied, Adam)", iterations: count(300)) {
            let loss = mseLoss(model(xs), ys)
            adam.zeroGrad()
            loss.backward()
            adam.step()
        }
    }

    /// One run of the scalar chain: 500× (`* 1.0001`, `+ 0.001`) from a leaf, then backward (kept
    /// out of line, like ``step(depth:)``, so callgrind can count its instructions alone).
    @inline(never)
    func chain() {
        let a = Tensor(1.0, requiresGrad: true)
        var v = a
        for _ in 0..<500 {
            v = v * 1.0001
            v = v + 0.001
        }
        v.backward()
    }

    /// 3. A chain of 1000 scalar ops (`* 1.0001`, `+ 0.001`), forward and backward.
    func scalarChain() throws -> Row {
        let timing = try Timing.measure(warmup: 3, iterations: count(300)) { chain() }
        return row("scalar_chain_1000ops_us", "1000 scalar ops, fwd + bwd", timing, target: .speedup(20))
    }

    /// 4. Depth 2: the eager step, the same step compiled as one static graph, and the step's matrix
    /// products alone (``GEMMFloor``), timed in alternation; the ratio of the two steps' means, and each
    /// step over the floor (issue 16 retired issue 7's "static ≥ 1.3× eager": with 90% of the step in
    /// matrix products, the floor is the honest target).
    func staticVersusEager() throws -> [Row] {
        let compiled = try StaticStep(net, depth: 2, batch: batch, lr: 1e-4, momentum: 0.9)
        try checkSameLoss(compiled)
        let floor = GEMMFloor(net, depth: 2, batch: batch)
        let timings = try Timing.measureAlternating(
            warmup: 20, iterations: count(500), [{ step(depth: 2) }, { try compiled.run(x: x, y: y) }, floor.run])
        let eagerRow = row("eager_depth2_step_us", "Eager step, depth 2", timings[0])
        let staticRow = row("traced_depth2_step_us", "Static graph step, depth 2", timings[1])
        let floorRow = row("gemm_floor_depth2_step_us",
                           "Depth-2 step, matrix products only (\(floor.megaflops) MFLOP)", timings[2])
        return [
            eagerRow, staticRow,
            derived("static_over_eager_depth2", "Static vs eager speed-up", eagerRow.figure / staticRow.figure, unit: "×"),
            floorRow,
            derived("eager_over_floor_depth2", "· eager step / floor (medians)", eagerRow.median! / floorRow.median!, unit: "×",
                    target: .atMost(1.15)),
            derived("static_over_floor_depth2", "· static step / floor (medians)", staticRow.median! / floorRow.median!, unit: "×",
                    target: .atMost(1.15)),
        ]
    }

    /// The compiled step must compute the eager loss (a wrong graph would make the timing meaningless);
    /// its update counts as one more warm-up step.
    func checkSameLoss(_ compiled: StaticStep) throws {
        let eager = withNoGrad { mseLoss(net.forward(x, depth: 2), y, reduction: .sum).item() }
        let stepLoss = try compiled.compiled.run(["x": x, "y": y])[0].item()
        guard abs(stepLoss - eager) <= 1e-4 * Swift.max(1, abs(eager)) else {
            throw BenchError("the static graph's loss \(stepLoss) differs from the eager loss \(eager)")
        }
    }

    /// 5. Forward at depth 3 with gradient recording off.
    func noGradForward() throws -> Row {
        let timing = try Timing.measure(warmup: 20, iterations: count(1000)) {
            _ = withNoGrad { net.forward(x, depth: 3) }
        }
        return row("forward_depth3_nograd_us", "No-grad forward, depth 3", timing)
    }

    /// 6. A 512×512 by 512×512 matrix product (`a.matmul(b)`), in GFLOP/s.
    func sgemm() throws -> Row {
        let a = Tensor.randn(512, 512), b = Tensor.randn(512, 512)
        let timing = try Timing.measure(warmup: 5, iterations: count(50)) { _ = a.matmul(b) }
        let flops = 2 * 512.0 * 512.0 * 512.0 / 1e9
        return Row(key: "sgemm512_gflops", title: "512³ sgemm", unit: "GFLOP/s", figure: flops / timing.mean,
                   median: flops / timing.median, best: flops / timing.min, iterations: timing.samples.count,
                   comparison: .throughput, target: .atLeast(90))
    }

    /// 7. The peak resident memory of the whole run so far.
    func peakMemory() -> Row {
        let mib = Double(peakResidentBytes()) / (1024 * 1024)
        return derived("peak_rss_mib", "Peak resident memory", mib, unit: "MiB")
    }
}
