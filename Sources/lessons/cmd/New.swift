import ArgumentParser
import Foundation
import LessonKit

/// `lessons new "Title"`: writes the next numbered lesson from `LessonTemplate` and prints its path.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new lesson: Lessons/NN-slug.md with the usual first cell and a twin.",
        discussion: "NN is one more than the highest lesson number; the slug is made from the title.")

    @OptionGroup var options: LessonOptions

    /// The lesson's title, its first heading.
    @Argument(help: "The lesson's title.")
    var title: String

    func run() throws {
        let configuration = options.configuration()
        let lessons = try options.plan(configuration)
        let number = (lessons.map(\.lesson.number).max() ?? 0) + 1
        let slug = LessonTemplate.slug(for: title)
        guard !slug.isEmpty else { throw RunnerError("the title '\(title)' has no letters or digits to make a file name from") }
        let name = String(format: "%02d-%@.md", number, slug)
        let url = configuration.lessonsDirectory.appendingPathComponent(name)
        let text = LessonTemplate.text(title: title)
        // O_EXCL: never overwrite a file that appeared meanwhile.
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw RunnerError("cannot create \(url.path): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
        print("\(options.lessonsDirectory)/\(name)")
    }
}
