import ArgumentParser
import Foundation
import LessonKit

/// Options every command shares: where the lessons are.
struct LessonOptions: ParsableArguments {
    /// The folder holding the lessons, relative to the package root (the current directory).
    @Option(name: .customLong("lessons-dir"), help: "The folder holding NN-slug.md lessons.")
    var lessonsDirectory = "Lessons"

    /// The most bytes a lesson program may print to stdout or stderr (or display as pictures).
    @Option(name: .customLong("output-limit"), help: ArgumentHelp("The most bytes a lesson may print (default 4 MiB); a cell printing more fails.", valueName: "BYTES"))
    var outputLimit = RunnerConfiguration.defaultOutputLimit

    /// The Python with PyTorch that runs the twins.
    @Option(help: ArgumentHelp("The Python with PyTorch that runs the PyTorch twins (default: $\(TwinPython.environmentVariable), else \(TwinPython.defaultExecutable)).", valueName: "path"))
    var python: String?

    /// Run the Swift cells only.
    @Flag(help: "Do not run the PyTorch twins (for a machine without Python); CI never uses this.")
    var noTwins = false

    /// The runner configuration for the current directory and these options.
    func configuration(jobs: Int? = nil, force: Bool = false) -> RunnerConfiguration {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var configuration = RunnerConfiguration(packageRoot: root,
                                                lessonsDirectory: URL(fileURLWithPath: lessonsDirectory, relativeTo: root).standardizedFileURL)
        if let jobs { configuration.jobs = max(1, jobs) }
        if !noTwins {
            let executable = python ?? configuration.environment[TwinPython.environmentVariable] ?? TwinPython.defaultExecutable
            configuration.python = TwinPython(executable: executable)
        }
        configuration.useCache = !force
        configuration.outputLimit = max(1, outputLimit)
        return configuration
    }

    /// Warnings about the lessons folder and the lessons: Markdown files without a number, near-miss
    /// fences.
    func planWarnings(_ configuration: RunnerConfiguration, _ lessons: [PlannedLesson]) -> [Problem] {
        let files = (try? LessonPlanner.unnumberedFiles(in: configuration.lessonsDirectory,
                                                        packageRoot: configuration.packageRoot)) ?? []
        return files + lessons.flatMap(\.warnings)
    }

    /// How help texts name a lesson, from examples a test checks against the real lessons.
    static let lessonHelp = "by number (\(LessonSelector.helpExamples[0])), name (\(LessonSelector.helpExamples[1])), "
        + "a unique part of the slug (\(LessonSelector.helpExamples[2])) or path"

    /// The planned lessons, narrowed to `selection` (all when empty); fails on names that match
    /// nothing or more than one lesson.
    func plan(_ configuration: RunnerConfiguration, selection: [String] = []) throws -> [PlannedLesson] {
        let all: [PlannedLesson]
        do {
            all = try LessonPlanner.plan(directory: configuration.lessonsDirectory, packageRoot: configuration.packageRoot)
        } catch {
            throw RunnerError("cannot read the lessons folder \(configuration.lessonsDirectory.path): \(error.localizedDescription)")
        }
        let (selected, problems) = LessonSelector.select(selection, from: all)
        if !problems.isEmpty {
            throw RunnerError(problems.joined(separator: "; ") + " (see `lessons list`)")
        }
        return selected
    }

    /// Fails, saying how to build it, when a lesson imports Autograd and the release library is
    /// missing; warns when the library is older than its sources.
    func requireLibrary(for lessons: [PlannedLesson], _ configuration: RunnerConfiguration) throws {
        guard AutogradLibrary.isNeeded(by: lessons.map(\.lesson)) else { return }
        try configuration.library.requireBuilt()
        if configuration.library.isOlderThanSources {
            FileHandle.standardError.write(Data("""
                warning: the release Autograd library is older than Sources/Autograd; rebuild it with: \
                \(AutogradLibrary.buildCommand)\n
                """.utf8))
        }
    }
}
