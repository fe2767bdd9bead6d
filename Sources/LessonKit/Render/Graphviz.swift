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

    /// The SVG for `dot`, ready to embed in HTML: XML prolog, doctype and comments removed
    /// (they carry the Graphviz version), and every `id` prefixed with `idPrefix` so several
    /// pictures on one page keep unique ids.
    public func svg(for dot: String, idPrefix: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lessons-dot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("graph.dot")
        let output = folder.appendingPathComponent("graph.svg")
        let errors = folder.appendingPathComponent("errors.txt")
        try Data(dot.utf8).write(to: input)
        let ending: ChildProcess.Ending
        do {
            ending = try ChildProcess.run([executable, "-Tsvg", input.path],
                                          environment: ProcessInfo.processInfo.environment,
                                          stdout: output, stderr: errors, timeout: timeout)
        } catch {
            throw RunnerError("\(error) (Graphviz renders graph outputs: install Debian's graphviz)")
        }
        guard ending == .exited(0) else {
            let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw RunnerError("`\(executable) -Tsvg` failed (\(ending)): "
                + message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return SVGText.inlineable(try String(contentsOf: output, encoding: .utf8), idPrefix: idPrefix)
    }
}
