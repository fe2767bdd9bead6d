import ArgumentParser

/// Where PyTorch's figures come from: the recorded run, a saved output of `torch_bench.py`, or
/// `torch_bench.py` run by the bench itself in every round, just before our runs.
struct PyTorchOptions: ParsableArguments {
    /// A `torch_bench.py` JSON output to compare against instead of the recorded run.
    @Option(name: .long, help: ArgumentHelp("Compare with this output of torch_bench.py instead of the recorded 1-thread run.",
                                            valueName: "path"))
    var torch: String?

    /// A Python that can `import torch`: the bench then runs `torch_bench.py` itself, side by side.
    @Option(name: .long, help: ArgumentHelp(
        "Run torch_bench.py with this Python (one that has torch) before our runs in every round, and compare with its figures.",
        valueName: "python"))
    var torchPython: String?

    /// The script `--torch-python` runs; the repository's own copy when not given.
    @Option(name: .long, help: ArgumentHelp(
        "The script --torch-python runs (default: the repository's Sources/bench/PyTorchScript/torch_bench.py).",
        valueName: "path"))
    var torchScript: String?

    /// How many times to run every workload; each side's figure is the median across rounds.
    @Option(name: .long, help: ArgumentHelp(
        "Run everything <n> times, alternating PyTorch and us; figures are medians across rounds (default: 3 with --torch-python, else 1).",
        valueName: "n"))
    var rounds: Int?

    /// The number of rounds, with its default.
    var roundCount: Int { rounds ?? (torchPython == nil ? 1 : 3) }

    func validate() throws {
        if let rounds, rounds < 1 { throw ValidationError("--rounds must be at least 1, got \(rounds)") }
        if torch != nil && torchPython != nil {
            throw ValidationError("--torch and --torch-python exclude each other: compare with a saved run or with a fresh one")
        }
        if torchScript != nil && torchPython == nil { throw ValidationError("--torch-script needs --torch-python") }
        if let torchPython, PyTorchRunner.executable(torchPython) == nil {
            throw ValidationError("--torch-python \(torchPython): no such executable (give a path to a Python that has torch)")
        }
    }

    /// The runner for `--torch-python` with `threads` PyTorch threads, or nil without that option.
    func runner(threads: Int) throws -> PyTorchRunner? {
        guard let torchPython, let python = PyTorchRunner.executable(torchPython) else { return nil }
        return PyTorchRunner(python: python, script: try locateTorchScript(torchScript), threads: threads)
    }
}
