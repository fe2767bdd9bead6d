import ArgumentParser
import LessonKit

/// `lessons show <lesson>`: prints the Swift program the lesson's cells become, with each cell's
/// boundary marked, to see what the compiler sees.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the Swift program generated for one lesson, with cell boundaries marked.",
        discussion: "skip and compile-fail cells are not in the program; norun and should-fail cells are wrapped.")

    @OptionGroup var options: LessonOptions

    @Argument(help: ArgumentHelp("The lesson, \(LessonOptions.lessonHelp)."))
    var lesson: String

    func run() throws {
        let configuration = options.configuration()
        for planned in try options.plan(configuration, selection: [lesson]) {
            print(ProgramListing.text(for: planned.lesson))
        }
    }
}
