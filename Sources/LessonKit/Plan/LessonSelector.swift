/// Picks lessons by what a user types: a number (`4`, `04`), a name (`04-dynamic-networks`), a slug
/// (`dynamic-networks`), a path (`Lessons/04-dynamic-networks.md`), or a part of a slug that only
/// one lesson has (`dynamic-net`, `04-dynamic-net`).
public enum LessonSelector {
    /// Examples the CLI's help shows; a test checks that each selects exactly one real lesson.
    public static let helpExamples = ["4", "04-dynamic-networks", "dynamic-net", "Lessons/04-dynamic-networks.md"]

    /// The lessons matching any of `arguments` (all lessons when `arguments` is empty), in plan order,
    /// and a message for each argument that matches nothing or more than one lesson by a slug part.
    public static func select(_ arguments: [String], from lessons: [PlannedLesson]) -> (selected: [PlannedLesson], problems: [String]) {
        guard !arguments.isEmpty else { return (lessons, []) }
        var chosen = Set<String>()
        var problems: [String] = []
        for argument in arguments {
            let matches = self.matches(argument, in: lessons.map(\.lesson))
            if matches.isEmpty {
                problems.append("no lesson matches '\(argument)'")
            } else if matches.count > 1 {
                problems.append("'\(argument)' matches \(matches.count) lessons (\(matches.map(\.name).joined(separator: ", "))); "
                    + "give more of the name")
            }
            chosen.formUnion(matches.count == 1 ? matches.map(\.file) : [])
        }
        return (lessons.filter { chosen.contains($0.lesson.file) }, problems)
    }

    /// The lessons `argument` names: exact matches first (number, name, slug, path); failing those,
    /// the lessons whose slug contains it (after an optional `NN-` that must be their number).
    public static func matches(_ argument: String, in lessons: [Lesson]) -> [Lesson] {
        if let number = Int(argument) { return lessons.filter { $0.number == number } }
        let name = LessonName(path: argument)
        let exact = lessons.filter { name.name == $0.name || name.name == $0.slug || argument == $0.file }
        if !exact.isEmpty { return exact }
        let part = name.isLessonName ? name.slug : name.name
        return lessons.filter { lesson in
            (!name.isLessonName || name.number == lesson.number) && !part.isEmpty && lesson.slug.contains(part)
        }
    }
}
