import Foundation

/// Renders Graphviz DOT to inline SVG by running `dot -Tsvg`.
public struct Graphviz: Sendable {
    /// The `dot` executable: a path, or a name looked up on `PATH`.
    public var executable: String

    /// A renderer that runs `executable` (default: `dot` from `PATH`).
    public init(executable: String = "dot") {
        self.executable = executable
    }

    /// Failure to turn DOT into SVG.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, including `dot`'s own message.
        public var description: String
    }

    /// The SVG for `dot`, ready to embed in HTML: XML prolog, doctype and comments removed
    /// (they carry the Graphviz version), and every `id` prefixed with `idPrefix` so several
    /// pictures on one page keep unique ids.
    public func svg(for dot: String, idPrefix: String) throws -> String {
        let raw = try run(dot)
        return SVGText.inlineable(raw, idPrefix: idPrefix)
    }

    private func run(_ input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable, "-Tsvg"]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw Failure(description: "could not run `\(executable) -Tsvg`: \(error) (install Debian's graphviz)")
        }
        // Write and read on separate threads so a large graph cannot fill a pipe and deadlock.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errorData = ErrorCollector(stderr.fileHandleForReading)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let message = String(decoding: errorData.finish(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(description: "`\(executable) -Tsvg` failed (status \(process.terminationStatus)): "
                + message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Reads a pipe to its end on a background thread.
private final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    func finish() -> Data {
        done.wait()
        return data
    }
}
