/// Makes the lesson's own locations in checked output stable: a location in a Swift cell,
/// `Lessons/07-debugging.md:218`, reads `<cell 14, line 5>` (the 14th Swift cell of the lesson, 5th
/// line of its code); a Python traceback's `File "Lessons/07-debugging.md", line 285` reads
/// `File "<twin 9>", line 3` (the 9th PyTorch twin, 3rd line of its code); the lesson's path alone
/// reads `<lesson>`. Adding prose, renaming the file or running with `--lessons-dir` then leaves
/// output blocks valid. The page shows what was really printed.
enum OutputLocations {
    static func stable(_ text: String, in lesson: Lesson) -> String {
        var result = text
        for path in Set([lesson.absolutePath, lesson.file]).sorted(by: { $0.count > $1.count }) where !path.isEmpty {
            result = replace(path, in: result, lesson: lesson)
        }
        return result
    }

    private static func replace(_ path: String, in text: String, lesson: Lesson) -> String {
        var output = ""
        var rest = Substring(text)
        while let range = rest.range(of: path) {
            output += rest[..<range.lowerBound]
            rest = rest[range.upperBound...]
            if rest.first == ":", let (line, digits) = number(after: rest.dropFirst()), let place = place(of: line, in: lesson) {
                output += "<\(place.fence), line \(place.line)>"
                rest = rest.dropFirst(1 + digits)
            } else if rest.hasPrefix("\", line "), let (line, digits) = number(after: rest.dropFirst(8)),
                      let place = place(of: line, in: lesson) {
                output += "<\(place.fence)>\", line \(place.line)"
                rest = rest.dropFirst(8 + digits)
            } else {
                output += "<lesson>"
            }
        }
        return output + rest
    }

    /// The number `text` starts with and how many digits it has.
    private static func number(after text: Substring) -> (Int, Int)? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        return Int(digits).map { ($0, digits.count) }
    }

    /// `cell N` or `twin N` (1-based, in document order) holding Markdown line `line`, and the line
    /// within its code.
    private static func place(of line: Int, in lesson: Lesson) -> (fence: String, line: Int)? {
        let holds = { (fence: Fence) in fence.contentLine <= line && line < fence.endLine }
        if let cell = lesson.cells.first(where: { holds($0.code) }) {
            return ("cell \(cell.index + 1)", line - cell.code.contentLine + 1)
        }
        if let twin = lesson.twins.first(where: { holds($0.code) }) {
            return ("twin \(twin.index + 1)", line - twin.code.contentLine + 1)
        }
        return nil
    }
}
