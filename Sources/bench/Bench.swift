import ArgumentParser
import Autograd

/// Times Autograd on the workloads of PyTorch's `torch_bench.py` and prints them beside PyTorch's
/// figures: recorded ones, a saved run's, or, with `--torch-python`, runs of the script alternating
/// with ours.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time Autograd against PyTorch's figures for the same workloads (build with -c release).",
        discussion: """
            Workloads: a DynamicNet training step (batch 64, 1000 → 100 → 10, depth 0–3 per step, SGD \
            with momentum), a SharedNet step (three 256-wide layers sharing a weight, Adam), 1000 scalar \
            ops forward and backward (on the tape, and as a Float function differentiated by the Swift \
            compiler), the depth-2 step eager and as a compiled static graph, a no-grad \
            forward at depth 3, a 512³ sgemm, and the peak resident memory. Each is warmed up and then \
            timed run by run; the table compares our mean with PyTorch's (torch_bench.py reports means) \
            and shows our median and best run too. The depth-2 steps are timed in alternation with their \
            matrix products alone, which bound what any implementation of the step can save.

            Side by side: timings on a shared machine swing from run to run, so a comparison with figures \
            taken at another moment is unreliable. With --torch-python the bench runs torch_bench.py \
            itself, then all our workloads, and repeats both for --rounds rounds; each side's figure is \
            its median across rounds, and the table shows the range of the per-round speed-ups.

            OpenBLAS kernels: unless OPENBLAS_CORETYPE is set, the bench restarts itself once with the \
            fastest kernels the CPU supports when OpenBLAS loaded slower ones (see ensureFastBLAS()).
            """)

    /// Where to write the JSON report (`-` for standard output; the table then goes to standard error).
    @Option(name: .long, help: ArgumentHelp("Write the JSON report to <path> ('-': standard output).", valueName: "path"))
    var json: String?

    /// Where PyTorch's figures come from, and how many rounds to run.
    @OptionGroup(title: "PyTorch figures")
    var pytorch: PyTorchOptions

    /// OpenBLAS threads (PyTorch's figures are for one; a side-by-side run gives PyTorch as many).
    @Option(name: .long, help: "OpenBLAS threads (PyTorch's recorded figures use one; --torch-python runs it with as many).")
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
        let runner = try pytorch.runner(threads: blasThreads)
        let saved = try pytorch.torch.map { try PyTorchAnchors.load(from: $0) } ?? .recorded
        let workloads = Workloads(scale: scale)
        let selected = only.isEmpty ? Workload.allCases : Workload.allCases.filter(only.contains)
        let roundCount = pytorch.roundCount
        var ours: [[Row]] = [], theirs: [PyTorchAnchors] = []
        for round in 1...roundCount {
            let prefix = roundCount == 1 ? "" : "round \(round)/\(roundCount): "
            if let runner {
                printError(prefix + "PyTorch (\(runner.command))…")
                theirs.append(try runner.run())
            } else {
                theirs.append(saved)
            }
            var rows: [Row] = []
            for (index, workload) in selected.enumerated() {
                printError("\(prefix)[\(index + 1)/\(selected.count)] \(workload.rawValue)…")
                rows += try workloads.measure(workload)
            }
            ours.append(rows)
        }
        let report = Report(rows: ours, torch: theirs, sideBySide: runner != nil, machine: machineDescription(),
                            blas: .init(corename: BLASKernel.corename, threads: BLASKernel.threads), scale: scale)
        if json == "-" {
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
