/// Makes the lesson's own locations in a cell's output stable before it is checked: a location in
/// a cell, `Lessons/07-debugging.md:218`, reads `<cell 14, line 5>` (the 14th Swift cell of the
/// lesson, 5th line of its code), and the lesson's path alone reads `<lesson>`. Adding prose or
/// renaming the file, or running with `--lessons-dir`, then leaves output blocks valid. The page
/// shows what the cell really printed.
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
            let digits = rest.first == ":" ? rest.dropFirst().prefix { $0.isASCII && $0.isNumber } : ""
            if let line = Int(digits), let cell = lesson.cells.first(where: { $0.code.contentLine <= line && line < $0.code.endLine }) {
                output += "<cell \(cell.index + 1), line \(line - cell.code.contentLine + 1)>"
                rest = rest.dropFirst(1 + digits.count)
            } else {
                output += "<lesson>"
            }
        }
        return output + rest
    }
}
