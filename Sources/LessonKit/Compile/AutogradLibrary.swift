import Foundation

/// The release build of the `AutogradStatic` product that lesson programs link against.
public struct AutogradLibrary: Sendable {
    /// `.build/release` of the package.
    public let directory: URL
    /// `Sources/CBLAS` of the package: its module map lets the compiler load the `CBLAS` module
    /// that `Autograd`'s module imports.
    public let cblasModuleDirectory: URL

    /// `Sources/Autograd` of the package.
    public let sourcesDirectory: URL

    public init(packageRoot: URL) {
        directory = packageRoot.appendingPathComponent(".build/release")
        sourcesDirectory = packageRoot.appendingPathComponent("Sources/Autograd")
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

    /// Whether a file under `Sources/Autograd` changed after the archive was built (lessons would run
    /// against old library code).
    public var isOlderThanSources: Bool {
        let files = FileManager.default
        guard let built = (try? files.attributesOfItem(atPath: archive.path))?[.modificationDate] as? Date,
              let sources = files.enumerator(at: sourcesDirectory, includingPropertiesForKeys: [.contentModificationDateKey])
        else { return false }
        for case let url as URL in sources where url.pathExtension == "swift" {
            if let modified = try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate,
               modified > built { return true }
        }
        return false
    }

    /// The archive's size and modification time ("" when missing): part of the cache key, so results
    /// computed against an older build of the library are not reused.
    var buildStamp: String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: archive.path),
              let size = attributes[.size] as? NSNumber, let date = attributes[.modificationDate] as? Date else { return "" }
        return "\(size) \(date.timeIntervalSince1970)"
    }

    /// Whether any of `lessons` imports Autograd (and so needs the library).
    public static func isNeeded(by lessons: [Lesson]) -> Bool {
        lessons.contains(where: isImported)
    }

    /// swiftc flags that find the module and link the archive and OpenBLAS.
    var compilerFlags: [String] {
        ["-I", directory.appendingPathComponent("Modules").path,
         "-I", cblasModuleDirectory.path,
         "-L", directory.path, "-lAutogradStatic", "-lopenblas"]
    }

    /// Whether a lesson imports Autograd (a line `import Autograd` in a cell that is compiled).
    static func isImported(by lesson: Lesson) -> Bool {
        lesson.cells.contains { cell in
            !cell.has(.skip) && cell.source.split(separator: "\n").contains { line in
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                return zip(words, words.dropFirst()).contains { $0 == "import" && $1 == "Autograd" }
            }
        }
    }
}
