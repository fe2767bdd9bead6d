import Foundation

/// `twin_server.py`, started once per run the first time a lesson's twins must run: it imports
/// torch once (one to two seconds of CPU) and forks a fresh copy of itself for each lesson, where
/// one Python process per lesson paid the import every time.
///
/// A lesson's twins are then run by `twin_client.py` (``clientArguments(workdir:)``), a process
/// that the runner starts, times out and kills like any other: the fork that runs the twins joins
/// the client's process group. The server ends when ``stop()`` closes its standard input, or when
/// the runner ends however it ends (its end of the pipe closes).
final class TwinServer: @unchecked Sendable {
    private let python: TwinPython
    private let environment: [String: String]
    private let lock = NSLock()
    private var state: State = .notStarted

    private enum State {
        case notStarted
        case running(Process, stdin: Pipe, socket: URL, log: URL)
        case failed(String)
        case stopped
    }

    /// How long the server may take to import torch and say it is ready.
    static let startTimeout: Double = 120

    /// A server for `python`, whose lessons see `environment` plus one thread for PyTorch and a
    /// fixed hash seed.
    init(python: TwinPython, environment: [String: String]) {
        self.python = python
        var environment = environment
        for (key, value) in ["OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONHASHSEED": "0",
                             "PYTHONIOENCODING": "utf-8"] where environment[key] == nil {
            environment[key] = value
        }
        self.environment = environment
    }

    /// The command that runs the twins prepared in `workdir`, starting the server if it is not
    /// running yet; throws the server's own message if it could not start.
    func clientArguments(workdir: URL) throws -> [String] {
        let socket = try runningSocket()
        return [python.executable, "-I", "-S", "-B", try TwinPython.scriptURL("twin_client").path, socket.path, workdir.path]
    }

    /// Starts the server on a thread of its own, so that torch is imported while the caller goes on;
    /// a failure to start is reported to the first lesson that asks for the server.
    func startInBackground() {
        Thread { _ = try? self.runningSocket() }.start()
    }

    /// Ends the server (its forks are killed with it) and removes its socket and log.
    func stop() {
        lock.lock(); defer { lock.unlock() }
        if case .running(let process, let stdin, let socket, let log) = state {
            try? stdin.fileHandleForWriting.close()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: socket)
            try? FileManager.default.removeItem(at: log)
            Cleanup.shared.forgetPath(socket)
            Cleanup.shared.forgetPath(log)
        }
        state = .stopped
    }

    /// The server's socket; the first caller starts the server while the others wait.
    private func runningSocket() throws -> URL {
        lock.lock(); defer { lock.unlock() }
        if case .notStarted = state {
            do {
                state = try start()
            } catch {
                state = .failed("\(error)")
            }
        }
        switch state {
        case .running(_, _, let socket, _): return socket
        case .failed(let message): throw RunnerError(message)
        case .notStarted, .stopped: throw RunnerError("the twins' server was stopped")
        }
    }

    /// Starts the server and waits for its "ready" line. The socket lives in the temporary folder
    /// (a Unix socket's path must be short), made by the server for its user alone.
    private func start() throws -> State {
        let name = "lessonkit-twins-\(getpid())-\(UUID().uuidString.prefix(8))"
        let temporary = FileManager.default.temporaryDirectory
        let socket = temporary.appendingPathComponent("\(name).sock")
        let log = temporary.appendingPathComponent("\(name).log")
        Cleanup.shared.addPath(socket)
        Cleanup.shared.addPath(log)
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw RunnerError("cannot create the twins' server log \(log.path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // From `-c`, so no path of this machine shows in the stacks PyTorch prints (see twin_server.py).
        let server = try String(contentsOf: try TwinPython.scriptURL("twin_server"), encoding: .utf8)
        process.arguments = [python.executable, "-u", "-B", "-c", server, socket.path, try TwinPython.driverURL().path]
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()

        // The server prints "ready" once torch is imported and the socket is bound, and nothing after.
        let ready = DispatchSemaphore(value: 0)
        let firstOutput = FirstOutput()
        Thread {
            firstOutput.data = stdout.fileHandleForReading.availableData
            ready.signal()
        }.start()
        guard ready.wait(timeout: .now() + Self.startTimeout) == .success else {
            process.terminate()
            throw RunnerError("the twins' server (\(python.executable)) did not start within \(Int(Self.startTimeout)) s")
        }
        guard String(decoding: firstOutput.data, as: UTF8.self).hasPrefix("ready") else {
            process.waitUntilExit()
            let reason = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").last.map(String.init)
            try? FileManager.default.removeItem(at: log)
            throw RunnerError(TwinPython.cannotImport(python.executable, reason: reason ?? "the twins' server exited"))
        }
        return .running(process, stdin: stdin, socket: socket, log: log)
    }
}

/// What the server first printed, handed from the reading thread after a semaphore.
private final class FirstOutput: @unchecked Sendable {
    var data = Data()
}
