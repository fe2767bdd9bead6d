import Foundation

/// The path of `torch_bench.py`: `given` if there is such a file, else the repository's own copy,
/// `Sources/bench/PyTorchScript/torch_bench.py` (found from this source file's path).
func locateTorchScript(_ given: String?) throws -> String {
    if let given {
        guard FileManager.default.fileExists(atPath: given) else {
            throw BenchError("--torch-script \(given): no such file")
        }
        return given
    }
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Sources/bench
        .appendingPathComponent("PyTorchScript/torch_bench.py").path
    guard FileManager.default.fileExists(atPath: path) else {
        throw BenchError("torch_bench.py not found at \(path) (this bench was built from sources that moved). "
                         + "Give its path with --torch-script.")
    }
    return path
}
