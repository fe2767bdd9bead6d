import Foundation

/// The path of `torch_bench.py`: `given` if there is such a file, else the first existing one of
/// `../shared/anchors/torch_bench.py` relative to the current directory and to the package root
/// (the nearest directory with a `Package.swift` above the bench executable, or above the current
/// directory). The error names every path tried.
func locateTorchScript(_ given: String?) throws -> String {
    let files = FileManager.default
    if let given {
        guard files.fileExists(atPath: given) else { throw BenchError("--torch-script \(given): no such file") }
        return given
    }
    let current = URL(fileURLWithPath: files.currentDirectoryPath)
    let roots = [Bundle.main.executableURL?.deletingLastPathComponent(), current].compactMap { $0.flatMap(packageRoot) }
    var tried: [String] = []
    for base in [current] + roots {
        let path = base.appendingPathComponent("../shared/anchors/torch_bench.py").standardized.path
        if files.fileExists(atPath: path) { return path }
        if !tried.contains(path) { tried.append(path) }
    }
    let rootless = roots.isEmpty ? " (found no Package.swift above the bench executable or the current directory)" : ""
    throw BenchError("torch_bench.py not found; tried \(tried.joined(separator: ", "))\(rootless). Give its path with --torch-script.")
}

/// The nearest directory at or above `directory` that holds a `Package.swift`.
private func packageRoot(_ directory: URL) -> URL? {
    var candidate = directory.standardized
    while true {
        if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("Package.swift").path) { return candidate }
        let parent = candidate.deletingLastPathComponent()
        if parent.path == candidate.path { return nil }
        candidate = parent
    }
}
