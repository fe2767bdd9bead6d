import ArgumentParser
import Autograd

/// Times Autograd on the workloads of PyTorch's `torch_bench.py` and prints them beside PyTorch's
/// figures.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time Autograd against PyTorch's figures for the same workloads (build with -c release).",
        discussion: """
            Workloads: a DynamicNet training step (batch 64, 1000 → 100 → 10, depth 0–3 per step, SGD \
            with momentum), a SharedNet step (three 256-wide layers sharing a weight, Adam), 1000 scalar \
            ops forward and backward, the depth-2 step eager and as a compiled static graph, a no-grad \
            forward at depth 3, a 512³ sgemm, and the peak resident memory. Each is warmed up and then \
            timed run by run; the table shows the median and best run.

            OpenBLAS kernels: unless OPENBLAS_CORETYPE is set, the bench restarts itself once with the \
            fastest kernels the CPU supports when OpenBLAS loaded slower ones (see ensureFastBLAS()).
            """)

    /// Where to write the JSON report (`-` for standard output; the table then goes to standard error).
    @Option(name: .long, help: ArgumentHelp("Write the JSON report to <path> ('-': standard output).", valueName: "path"))
    var json: String?

    /// A `torch_bench.py` JSON output to compare against instead of the recorded run.
    @Option(name: .long, help: ArgumentHelp("Compare with this output of torch_bench.py instead of the recorded 1-thread run.",
                                            valueName: "path"))
    var torch: String?

    /// OpenBLAS threads (PyTorch's figures are for one).
    @Option(name: .long, help: "OpenBLAS threads (PyTorch's recorded figures use one).")
    var blasThreads = 1

    /// Multiplies every iteration count (e.g. 0.1 for a quick look).
    @Option(name: .long, help: "Multiply every iteration count by this factor (0.1: a quick look).")
    var scale = 1.0

    /// Runs only these workloads (e.g. to profile one under callgrind).
    @Option(name: .long, parsing: .upToNextOption,
            help: "Run only these workloads: \(Workload.allCases.map(\.rawValue).joined(separator: ", ")).")
    var only: [Workload] = []

    func validate() throws {
        guard scale > 0 else { throw ValidationError("--scale must be positive, got \(scale)") }
        guard blasThreads >= 1 else { throw ValidationError("--blas-threads must be at least 1, got \(blasThreads)") }
    }

    func run() throws {
        ensureFastBLAS()
        BLASKernel.threads = blasThreads
        let anchors = try torch.map { try PyTorchAnchors.load(from: $0) } ?? .recorded
        let workloads = Workloads(scale: scale, torch: anchors)
        let toStandardOutput = json == "-"
        var rows: [Row] = []
        let selected = only.isEmpty ? Workload.allCases : Workload.allCases.filter(only.contains)
        for (index, workload) in selected.enumerated() {
            printError("[\(index + 1)/\(selected.count)] \(workload.rawValue)…")
            rows += try workloads.measure(workload)
        }
        let report = Report(rows: rows, machine: machineDescription(), blas: .init(corename: BLASKernel.corename, threads: BLASKernel.threads),
                            torch: anchors, scale: scale)
        if toStandardOutput {
            printError(report.table(), terminator: "")
            print(try report.json())
        } else {
            print(report.table(), terminator: "")
            if let json {
                try (try report.json() + "\n").write(toFile: json, atomically: true, encoding: .utf8)
                print("JSON written to \(json)")
            }
        }
    }
}
