import Foundation

/// The release build of the `AutogradStatic` product that lesson programs link against.
public struct AutogradLibrary: Sendable {
    /// `.build/release` of the package.
    public let directory: URL
    /// `Sources/CBLAS` of the package: its module map lets the compiler load the `CBLAS` module
    /// that `Autograd`'s module imports.
    public let cblasModuleDirectory: URL

    public init(packageRoot: URL) {
        directory = packageRoot.appendingPathComponent(".build/release")
        cblasModuleDirectory = packageRoot.appendingPathComponent("Sources/CBLAS")
    }

    /// The command that builds the library.
    public static let buildCommand = "swift build -c release --product AutogradStatic   (or: make lib)"

    var archive: URL { directory.appendingPathComponent("libAutogradStatic.a") }
    var module: URL { directory.appendingPathComponent("Modules/Autograd.swiftmodule") }

    /// Whether the archive and the module are both there.
    public var isBuilt: Bool {
        FileManager.default.fileExists(atPath: archive.path) && FileManager.default.fileExists(atPath: module.path)
    }

    /// Throws a message saying how to build the library when it is missing.
    public func requireBuilt() throws {
        guard isBuilt else {
            throw RunnerError("the release Autograd library is missing (\(archive.path)); build it with: \(Self.buildCommand)")
        }
    }

    /// swiftc flags that find the module and link the archive and OpenBLAS.
    var compilerFlags: [String] {
        ["-I", directory.appendingPathComponent("Modules").path,
         "-I", cblasModuleDirectory.path,
         "-L", directory.path, "-lAutogradStatic", "-lopenblas"]
    }

    /// Whether a lesson imports Autograd (and so needs the library).
    static func isImported(by lesson: Lesson) -> Bool {
        lesson.cells.contains { cell in
            !cell.has(.skip) && cell.source.split(separator: "\n").contains {
                $0.split(separator: " ").prefix(2) == ["import", "Autograd"]
                    || $0.split(separator: " ").dropFirst().prefix(2) == ["import", "Autograd"]
            }
        }
    }
}
