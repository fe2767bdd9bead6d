import Foundation
import Testing

/// The repository stands alone: nothing a clone builds, tests or documents reaches into a sibling
/// folder of the workplace it was written in (the golden cases and the PyTorch benchmark script are
/// the repository's own copies). `.ci/run` proves the same by running `make test` from a copy of the
/// repository alone in a temporary folder.
@Suite struct RepositoryIndependenceTests {
    /// What a path outside the repository looks like (spelled in pieces so this file does not match).
    static let outsidePaths = ["..", "/work"].map { $0 + "/shared" }

    /// The files and folders checked, relative to the package root.
    static let checked = ["Sources", "Tests", "Lessons", ".ci", "Makefile", "README.md", "Package.swift"]

    @Test func nothingRefersToFilesOutsideTheRepository() throws {
        let root = FixtureRun.packageRoot
        var files: [URL] = []
        for entry in Self.checked {
            let url = root.appendingPathComponent(entry)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                Issue.record("\(entry) is missing from \(root.path)")
                continue
            }
            if !isFolder.boolValue { files.append(url); continue }
            let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
            while let file = walker?.nextObject() as? URL {
                if (try file.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true { files.append(file) }
            }
        }
        #expect(files.count > 50, "found only \(files.count) files to check under \(root.path)")
        for file in files {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }  // binary files
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where Self.outsidePaths.contains(where: line.contains) {
                let relative = file.path.dropFirst(root.path.count + 1)
                Issue.record("\(relative):\(number + 1) refers to a file outside the repository: \(line)")
            }
        }
    }
}
