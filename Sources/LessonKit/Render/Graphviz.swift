import Foundation

/// Renders Graphviz DOT to inline SVG by running `dot -Tsvg`.
public struct Graphviz: Sendable {
    /// The `dot` executable: a path, or a name looked up on `PATH`.
    public var executable: String
    /// Seconds one graph may take before `dot` is stopped.
    public var timeout: Double

    /// A renderer that runs `executable` (default: `dot` from `PATH`).
    public init(executable: String = "dot", timeout: Double = 60) {
        self.executable = executable
        self.timeout = timeout
    }

    /// What `dot -V` prints (the Graphviz version), or "" when `dot` cannot run.
    public func version() -> String {
        (try? output(of: ["-V"], input: nil)) ?? ""
    }

    /// The document `dot -Tsvg` makes of `dot` (`SVGText.inlineable` readies it for a page).
    func rawSVG(for dot: String) throws -> String {
        try output(of: ["-Tsvg"], input: dot)
    }

    /// Runs `dot` with `arguments` (and a file holding `input`, if any); its stdout, or its stderr
    /// for `-V`, which prints there.
    private func output(of arguments: [String], input: String?) throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lessons-dot-\(UUID().uuidString)")
        Cleanup.shared.addPath(folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(at: folder)
            Cleanup.shared.forgetPath(folder)
        }
        let inputFile = folder.appendingPathComponent("graph.dot")
        let stdoutFile = folder.appendingPathComponent("stdout.txt")
        let stderrFile = folder.appendingPathComponent("stderr.txt")
        var command = [executable] + arguments
        if let text = input {
            try Data(text.utf8).write(to: inputFile)
            command.append(inputFile.path)
        }
        let ending: ChildProcess.Ending
        do {
            ending = try ChildProcess.run(command,
                                          environment: ProcessInfo.processInfo.environment,
                                          stdout: stdoutFile, stderr: stderrFile, timeout: timeout)
        } catch {
            throw RunnerError("\(error) (Graphviz renders graph outputs: install Debian's graphviz)")
        }
        guard ending == .exited(0) else {
            let message = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
            throw RunnerError("`\(command.dropLast(input == nil ? 0 : 1).joined(separator: " "))` failed (\(ending)): "
                + message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let printed = input == nil ? stderrFile : stdoutFile
        return try String(contentsOf: printed, encoding: .utf8)
    }
}
