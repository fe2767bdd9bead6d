/// Picks lessons by what a user types: a number (`3`, `03`), a name (`03-dynamic-net`), a slug
/// (`dynamic-net`) or a path (`Lessons/03-dynamic-net.md`).
public enum LessonSelector {
    /// The lessons matching any of `arguments` (all lessons when `arguments` is empty), in plan order,
    /// and the arguments that matched nothing.
    public static func select(_ arguments: [String], from lessons: [PlannedLesson]) -> (selected: [PlannedLesson], unmatched: [String]) {
        guard !arguments.isEmpty else { return (lessons, []) }
        let unmatched = arguments.filter { argument in !lessons.contains { matches(argument, $0.lesson) } }
        let selected = lessons.filter { planned in arguments.contains { matches($0, planned.lesson) } }
        return (selected, unmatched)
    }

    /// Whether `argument` names `lesson`.
    public static func matches(_ argument: String, _ lesson: Lesson) -> Bool {
        if let number = Int(argument) { return number == lesson.number }
        let name = LessonName(path: argument).name
        return name == lesson.name || name == lesson.slug || argument == lesson.file
    }
}
