import Foundation

/// Runs `torch_bench.py` in a child process: PyTorch's figures on this machine, taken just before
/// ours, so that both sides of a comparison see the same load.
struct PyTorchRunner {
    /// The Python to run, an absolute or relative path.
    let python: String
    let script: String
    /// PyTorch's thread count, the script's argument.
    let threads: Int

    /// The command line, for the report.
    var command: String { "\(python) \(script) \(threads)" }

    /// Runs the script once and parses the JSON it prints. The child has our environment except
    /// `OPENBLAS_CORETYPE`, which ``ensureFastBLAS()`` may have set for our OpenBLAS (PyTorch
    /// brings its own BLAS); its error output goes to ours.
    func run() throws -> PyTorchAnchors {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, String(threads)]
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let json = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit && process.terminationStatus == 0 else {
            throw BenchError("\(command) failed (status \(process.terminationStatus)); its error output is above")
        }
        return try PyTorchAnchors(json: json, source: command)
    }

    /// `name` if it is the path of an executable file, else (for a name without a slash) the
    /// first executable of that name on `PATH`; nil when there is none.
    static func executable(_ name: String) -> String? {
        if name.contains("/") { return isExecutableFile(name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/\(name)" }.first(where: isExecutableFile)
    }

    /// Whether `path` is a file (not a directory) we may execute.
    private static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }
}
