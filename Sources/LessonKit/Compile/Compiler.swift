import Foundation

/// Runs swiftc on generated lesson programs.
struct Compiler {
    let swiftc: String
    let library: AutogradLibrary
    let environment: [String: String]
    /// Stops swiftc when flipped (`lessons serve` cancels superseded runs).
    var cancellation: RunCancellation? = nil

    /// What swiftc said and whether it succeeded.
    struct Outcome {
        let succeeded: Bool
        /// Errors and warnings with their notes, all located in the Markdown file.
        let diagnostics: [Diagnostic]
        /// The raw output, for failures that are not diagnostics (a link error).
        let output: String
        /// Whether swiftc was killed from outside (SIGKILL, the OOM killer): its failure says
        /// nothing about the lesson and must not be cached.
        let wasKilled: Bool
    }

    /// Compiles `source` (written to `directory/main.swift`) into `directory/lesson`, or only
    /// checks it. The check runs SIL's mandatory passes (`-emit-sil`, nothing kept), not only the
    /// type checker: errors such as "expression is not differentiable" or "used before being
    /// initialized" come from those passes. The module is named after the lesson so trap messages name it.
    func compile(_ source: String, lesson: Lesson, in directory: URL, typecheckOnly: Bool) throws -> Outcome {
        let main = directory.appendingPathComponent(typecheckOnly ? "check.swift" : "main.swift")
        try source.write(to: main, atomically: true, encoding: .utf8)
        var arguments = [swiftc, "-swift-version", "5", "-module-name", Self.moduleName(for: lesson),
                         "-diagnostic-style=llvm", "-Onone"]
        if AutogradLibrary.isImported(by: lesson) {
            try library.requireBuilt()
            arguments += library.compilerFlags
        }
        arguments += typecheckOnly ? ["-emit-sil", main.path, "-o", "/dev/null"]
                                   : Self.debugAndLinkFlags(swiftc: swiftc)
                                     + [main.path, "-o", directory.appendingPathComponent("lesson").path]
        let output = directory.appendingPathComponent("swiftc.log")
        let ending = try ChildProcess.run(arguments, environment: environment, stdout: output, stderr: nil, timeout: nil,
                                        cancellation: cancellation)
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        let packageRoot = library.sourcesDirectory.deletingLastPathComponent().deletingLastPathComponent()
        let locator = DiagnosticLocator(program: source, programPath: main.path, lesson: lesson, packageRoot: packageRoot)
        // What is not a diagnostic (a link error) names the program as `lessons show` prints it.
        let raw = text.replacingOccurrences(of: main.path, with: "<the program of \(lesson.file), see `lessons show`>")
        return Outcome(succeeded: ending == .exited(0), diagnostics: locator.locate(Diagnostic.parse(text)), output: raw,
                       wasKilled: ending.isFromOutside)
    }

    /// Line tables, which are all the backtracer needs to name a trap's Markdown line (``CrashLocation``):
    /// full `-g` made swiftc emit and wrap a module for the debugger besides, a third of the compile.
    /// And lld when the toolchain has it beside its compiler, which links faster than the system's gold.
    static func debugAndLinkFlags(swiftc: String) -> [String] {
        guard let path = ToolMemo.executablePath(swiftc) else { return ["-gline-tables-only"] }
        let lld = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("ld.lld")
        return ["-gline-tables-only"] + (FileManager.default.isExecutableFile(atPath: lld.path) ? ["-use-ld=lld"] : [])
    }

    /// `Lesson03` for lesson 3: a valid module name for any lesson file.
    static func moduleName(for lesson: Lesson) -> String {
        "Lesson" + (lesson.number >= 0 ? String(format: "%02d", lesson.number) : "")
    }

    /// `swiftc --version`'s first line, part of the cache key; kept in `memo` while the compiler
    /// driver and frontend files found for `swiftc` are unchanged (running them took most of a
    /// fully cached `lessons test`).
    static func version(of swiftc: String, environment: [String: String], memo: ToolMemo) throws -> String {
        guard let path = ToolMemo.executablePath(swiftc) else {
            return try version(of: swiftc, environment: environment)
        }
        let frontend = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("swift-frontend").path
        return try memo.answer(to: "swiftc --version\n\(path)") {
            ([try version(of: path, environment: environment)], [path, frontend])
        }.first ?? ""
    }

    /// `swiftc --version`'s first line, asked of the compiler.
    private static func version(of swiftc: String, environment: [String: String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lessonkit-swiftc-version-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try ChildProcess.run([swiftc, "--version"], environment: environment, stdout: output, stderr: nil, timeout: 60)
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").first.map(String.init) ?? ""
    }
}
