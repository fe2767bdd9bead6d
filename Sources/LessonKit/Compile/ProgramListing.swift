/// The Swift program the runner compiles for a lesson, for `lessons show`: each cell's code is
/// preceded by a comment naming the cell, its Markdown line and attributes.
public enum ProgramListing {
    public static func text(for lesson: Lesson) -> String {
        let byContentLine = Dictionary(lesson.cells.map { ($0.code.contentLine, $0) }, uniquingKeysWith: { first, _ in first })
        var listing = "// The program `lessons` compiles for \(lesson.file) (cells run in this order).\n"
        for line in ProgramWriter.program(for: lesson).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#sourceLocation(file:"), let number = line.split(separator: " ").last.flatMap({ Int($0.dropLast()) }),
               let cell = byContentLine[number] {
                let attributes = cell.attributes.sorted().map(\.rawValue).joined(separator: " ")
                listing += "// ── cell \(cell.index + 1): \(lesson.file):\(cell.line)\(attributes.isEmpty ? "" : " [\(attributes)]")\n"
            }
            listing += line + "\n"
        }
        return String(listing.dropLast())
    }
}
