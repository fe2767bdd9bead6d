import Foundation

/// The Python interpreter that runs the PyTorch twins, and the driver script it runs them with.
public struct TwinPython: Sendable {
    /// The variable the Makefile sets to the pinned virtual environment's python (`--python` wins).
    public static let environmentVariable = "LESSONS_PYTHON"
    /// The interpreter used when neither `--python` nor `LESSONS_PYTHON` names one.
    public static let defaultExecutable = "python3"

    /// The python executable, a path or a name looked up in PATH.
    public var executable: String

    public init(executable: String) {
        self.executable = executable
    }

    /// What the twins' results depend on besides their text: the PyTorch and Python versions and
    /// the driver script. Throws one clear error when the interpreter cannot import torch.
    public struct Identity: Sendable, Hashable {
        /// `torch.__version__` (`2.13.0+cpu`).
        public var torchVersion: String
        /// `sys.version` (first word) and a hash of the driver, for the cache key.
        var fingerprint: String
    }

    /// Reads the installed torch's version from its package metadata: a tenth of a second, where
    /// importing torch takes one to two (this runs on every `lessons` command, even a fully cached
    /// one). A torch that is installed but cannot import fails in the twins' driver, which says so.
    public func identity(environment: [String: String]) throws -> Identity {
        try identity(environment: environment, memo: nil)
    }

    /// ``identity(environment:)``, kept in `memo` while the interpreter, every folder on its
    /// `sys.path` (installing or removing a package changes its folder), torch's package and its
    /// metadata are unchanged, for this interpreter and these `PYTHON…` variables.
    func identity(environment: [String: String], memo: ToolMemo?) throws -> Identity {
        let lines: [String]
        if let memo {
            let variables = environment.filter { $0.key.hasPrefix("PYTHON") || $0.key == "VIRTUAL_ENV" }
                .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let question = (["python identity", executable, ToolMemo.executablePath(executable) ?? "not found",
                             FileManager.default.currentDirectoryPath] + variables).joined(separator: "\n")
            lines = try memo.answer(to: question) {
                let lines = try versions(environment: environment)
                return (Array(lines.prefix(2)), Array(lines.dropFirst(2)))
            }
        } else {
            lines = try versions(environment: environment)
        }
        guard lines.count >= 2 else { throw RunnerError(Self.cannotImport(executable, reason: "no versions")) }
        var hash = SHA256()
        hash.update(try Self.scriptsText())
        return Identity(torchVersion: lines[0], fingerprint: "torch \(lines[0]) python \(lines[1]) driver \(hash.hexDigest())")
    }

    /// What the interpreter says: torch's version, Python's, then the files that decide them (the
    /// interpreter, its `pyvenv.cfg`, every `sys.path` folder, torch's package, `version.py` and metadata).
    private func versions(environment: [String: String]) throws -> [String] {
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("lessonkit-torch-version-\(getpid())-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        let script = """
            import os, sys, importlib.metadata as m, importlib.util as u
            d = m.distribution('torch'); spec = u.find_spec('torch')
            files = [sys.executable, os.path.realpath(sys.executable), os.path.join(sys.prefix, 'pyvenv.cfg')]
            files += [os.path.abspath(p or '.') for p in sys.path] + [str(getattr(d, '_path', ''))]
            for folder in (spec.submodule_search_locations or []) if spec else []:
                files += [folder, os.path.join(folder, '__init__.py'), os.path.join(folder, 'version.py')]
            print(d.version); print(sys.version.split()[0]); print('\\n'.join(f for f in files if f))
            """
        let ending: ChildProcess.Ending
        do {
            ending = try ChildProcess.run([executable, "-c", script], environment: environment,
                                          stdout: output, stderr: nil, timeout: 120)
        } catch {
            throw RunnerError(Self.cannotImport(executable, reason: "\(error)"))
        }
        let lines = ((try? String(contentsOf: output, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        guard ending == .exited(0), lines.count >= 2 else {
            throw RunnerError(Self.cannotImport(executable, reason: lines.last ?? TrapMessage.describe(ending)))
        }
        return lines
    }

    /// The one line printed when PyTorch is missing.
    static func cannotImport(_ executable: String, reason: String) -> String {
        "the PyTorch twins need Python with torch, but \(executable) cannot import it (\(reason)); "
            + "run `make deps`, or name a python with --python or \(environmentVariable), "
            + "or pass --no-twins to run the Swift cells only"
    }

    /// The driver script bundled with LessonKit.
    static func driverURL() throws -> URL {
        try scriptURL("twin_driver")
    }

    /// One of the Python scripts bundled with LessonKit (`twin_driver`, `twin_server`, `twin_client`).
    static func scriptURL(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: "py") else {
            throw RunnerError("LessonKit's \(name).py resource is missing")
        }
        return url
    }

    /// The scripts' text, part of the cache key.
    static func scriptsText() throws -> String {
        try ["twin_driver", "twin_server", "twin_client"].map { try String(contentsOf: scriptURL($0), encoding: .utf8) }
            .joined(separator: "\n")
    }
}
