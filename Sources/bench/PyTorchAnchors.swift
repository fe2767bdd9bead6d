import Foundation

/// PyTorch's figures for the same workloads, as printed by `torch_bench.py` (one JSON object whose
/// keys are the workload keys of ``Workload``).
struct PyTorchAnchors {
    /// Where the figures come from (a file path, or the run recorded below).
    let source: String
    /// `torch.__version__` and the thread count of the run.
    let version: String
    let threads: Int
    /// Figures by key: microseconds per run, or GFLOP/s for `sgemm512_gflops`.
    let figures: [String: Double]

    /// One run of `torch_bench.py 1` (PyTorch 2.15, one thread) on this project's kind of machine
    /// (2 cores, Sapphire Rapids), as saved in `Sources/bench/PyTorchScript/torch_bench_1thread.json`.
    static let recorded = PyTorchAnchors(
        source: "torch_bench_1thread.json (recorded run)", version: "2.15.0+cu132", threads: 1,
        figures: [
            "dynamicnet_step_us": 1185.8763479999652,
            "sharednet_step_us": 1661.9770500000186,
            "scalar_chain_1000ops_us": 11618.087566665736,
            "traced_depth2_step_us": 1339.7217420000516,
            "eager_depth2_step_us": 1422.3556619999727,
            "forward_depth3_nograd_us": 510.0894420000373,
            "sgemm512_gflops": 94.52893039204764,
        ])
}

extension PyTorchAnchors {
    /// Figures from a file holding the JSON that `torch_bench.py` printed.
    static func load(from path: String) throws -> PyTorchAnchors {
        try PyTorchAnchors(json: try Data(contentsOf: URL(fileURLWithPath: path)), source: path)
    }

    /// Figures from the JSON that `torch_bench.py` printed; `source` says where it came from.
    init(json: Data, source: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw BenchError("\(source): expected the JSON object torch_bench.py prints")
        }
        var figures: [String: Double] = [:]
        for (key, value) in object { if let number = value as? Double { figures[key] = number } }
        self.init(source: source, version: object["torch"] as? String ?? "?",
                  threads: object["threads"] as? Int ?? 0, figures: figures)
    }

    /// PyTorch's figure for one of our rows: a figure of the JSON (for a row that does one of
    /// PyTorch's workloads another way, that workload's), or for `static_over_eager_depth2` the eager
    /// step's time over the traced step's.
    func figure(for key: String) -> Double? {
        guard key == "static_over_eager_depth2" else { return figures[Self.sameWorkload[key] ?? key] }
        guard let eager = figures["eager_depth2_step_us"], let traced = figures["traced_depth2_step_us"] else { return nil }
        return eager / traced
    }

    /// Our rows that time one of PyTorch's workloads another way, with that workload's key.
    private static let sameWorkload = ["scalar_chain_1000ops_compiler_ad_us": "scalar_chain_1000ops_us"]
}

/// A failure the bench reports in one line before exiting.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
