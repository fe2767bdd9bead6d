import ArgumentParser
import Foundation
import LessonKit

/// `lessons run <lesson>`: runs one lesson and prints each cell's code and output, then its PyTorch
/// twin's, like a notebook in the terminal (colour only on a terminal).
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one lesson and print each cell's code and output.")

    @OptionGroup var options: LessonOptions

    /// The lesson, by number, name, slug part or path.
    @Argument(help: ArgumentHelp("The lesson, \(LessonOptions.lessonHelp)."))
    var lesson: String

    /// Compile and run even when cached results are current.
    @Flag(help: "Compile and run even when cached results are current.")
    var force = false

    func run() throws {
        let configuration = options.configuration(jobs: 1, force: force)
        let planned = try options.plan(configuration, selection: [lesson])
        try options.requireLibrary(for: planned, configuration)
        let style = TerminalStyle.forStandardOutput()
        let reporter = Reporter(lessons: planned, style: style)
        reporter.planWarnings(options.planWarnings(configuration, planned))
        guard let result = try LessonRunner(configuration).runAll(planned).first else { return }
        print(style.bold(result.lesson.title.isEmpty ? result.lesson.name : result.lesson.title))
        for (cell, cellResult) in zip(result.lesson.cells, result.cells) {
            let attributes = cell.attributes.sorted().map(\.rawValue)
            let tags = attributes.isEmpty ? "" : " [\(attributes.joined(separator: " "))]"
            print()
            print(style.dim("── \(result.lesson.file):\(cell.line)\(tags) · \(cellResult.status.rawValue)"))
            print(style.cyan(cell.source), terminator: "")
            if !cellResult.stdout.isEmpty || cellResult.error != nil || !cellResult.richOutputs.isEmpty {
                print(style.dim("── output"))
            }
            if !cellResult.stdout.isEmpty {
                print(cellResult.stdout, terminator: cellResult.stdout.hasSuffix("\n") ? "" : "\n")
            }
            if let error = cellResult.error { print(style.red(error)) }
            for output in cellResult.richOutputs {
                switch output {
                case .dot(let dot): print(style.dim("[graph: \(dot.split(separator: "\n").count) lines of DOT]"))
                case .svg(let svg): print(style.dim("[picture: \(svg.utf8.count) bytes of SVG]"))
                }
            }
            if let diff = cellResult.diff { print(style.diff(diff), terminator: "") }
            if let twin = result.lesson.twins.first(where: { $0.cellIndex == cell.index }),
               let twinResult = result.twins.first(where: { $0.index == twin.index }) {
                let twinTags = twin.attributes.map(\.rawValue).sorted()
                print(style.dim("── PyTorch twin \(result.lesson.file):\(twin.line)"
                    + (twinTags.isEmpty ? "" : " [\(twinTags.joined(separator: " "))]") + " · \(twinResult.status.rawValue)"))
                print(style.cyan(twin.source), terminator: "")
                if !twinResult.stdout.isEmpty || twinResult.error != nil { print(style.dim("── output")) }
                if !twinResult.stdout.isEmpty {
                    print(twinResult.stdout, terminator: twinResult.stdout.hasSuffix("\n") ? "" : "\n")
                }
                if let error = twinResult.error { print(style.red(error)) }
                if let diff = twinResult.diff { print(style.diff(diff), terminator: "") }
            }
        }
        print()
        reporter.diagnostics(result)
        reporter.hint([result])
        if !result.succeeded { throw ExitCode.failure }
    }
}
