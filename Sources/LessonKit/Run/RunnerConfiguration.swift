import Foundation

/// Where lessons, the library and the cache are, and how to run lessons.
public struct RunnerConfiguration: Sendable {
    /// The package root; messages show paths relative to it and lesson programs run in it.
    public var packageRoot: URL
    /// The folder holding `NN-slug.md` lessons (default: `<root>/Lessons`).
    public var lessonsDirectory: URL
    /// Cached results and generated programs (default: `<root>/.lessons-cache`).
    public var cacheDirectory: URL
    /// Lessons compiled and run at once (default: the number of cores).
    public var jobs: Int
    /// Seconds a lesson program may run unless the lesson sets its own timeout.
    public var defaultTimeout: Double
    /// Whether unchanged lessons take their results from the cache (false for `--force`).
    public var useCache: Bool
    /// The Swift compiler to run.
    public var swiftc: String
    /// The environment the runner was started with; lesson programs get it plus `childSettings`.
    public var environment: [String: String]
    /// The most bytes a lesson program may write to stdout, to stderr or as pictures; a cell that
    /// writes more fails with an error naming it (default 4 MiB).
    public var outputLimit: Int = RunnerConfiguration.defaultOutputLimit
    /// 4 MiB: far more than a page can usefully show.
    public static let defaultOutputLimit = 4 << 20
    /// The Python with PyTorch that runs the lessons' PyTorch twins; nil runs no twins (`--no-twins`).
    public var python: TwinPython?

    public init(packageRoot: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                lessonsDirectory: URL? = nil, cacheDirectory: URL? = nil,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, defaultTimeout: Double = 120,
                useCache: Bool = true, swiftc: String = "swiftc",
                environment: [String: String] = ProcessInfo.processInfo.environment, python: TwinPython? = nil) {
        self.packageRoot = packageRoot
        self.lessonsDirectory = lessonsDirectory ?? packageRoot.appendingPathComponent("Lessons")
        self.cacheDirectory = cacheDirectory ?? packageRoot.appendingPathComponent(".lessons-cache")
        self.jobs = max(1, jobs)
        self.defaultTimeout = defaultTimeout
        self.useCache = useCache
        self.swiftc = swiftc
        self.environment = environment
        self.python = python
    }

    /// Variables lesson programs get for deterministic, fast output, each only when the user has not
    /// set it: one BLAS thread, the same BLAS kernel on every x86-64 machine (AVX2 "Haswell"), and no
    /// interactive Swift backtracer (traps print a short message).
    public var childSettings: [String: String] {
        var settings = ["OPENBLAS_NUM_THREADS": "1", "SWIFT_BACKTRACE": "enable=no"]
        #if arch(x86_64)
        settings["OPENBLAS_CORETYPE"] = "Haswell"
        #endif
        return settings.filter { environment[$0.key] == nil }
    }

    /// The environment of lesson programs.
    var childEnvironment: [String: String] {
        environment.merging(childSettings) { _, setting in setting }
    }

    /// The Autograd library lesson programs link against.
    public var library: AutogradLibrary { AutogradLibrary(packageRoot: packageRoot) }
}
