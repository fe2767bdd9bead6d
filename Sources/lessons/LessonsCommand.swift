import ArgumentParser

/// The `lessons` tool: runs the Swift cells of the Markdown lessons, checks their outputs, and
/// builds the site.
@main
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "Run and check the executable Markdown lessons in Lessons/.",
        discussion: """
        Each lesson (Lessons/NN-slug.md) becomes one Swift program linked against the release \
        Autograd library (build it with `make lib`). Run the tool from the package root.
        """,
        subcommands: [List.self, Run.self, Test.self, Build.self, Serve.self, New.self, Show.self])
}
