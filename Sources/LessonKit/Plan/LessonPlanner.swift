import Foundation

/// Finds the lessons in a directory, parses them and checks them before anything is compiled.
/// A lesson with errors gets them in `problems`; the other lessons are unaffected.
public enum LessonPlanner {
    /// Plans every `NN-slug.md` file in `directory`, ordered by number then name.
    /// `packageRoot` makes the paths in messages relative (`Lessons/03-dynamic-net.md`).
    public static func plan(directory: URL, packageRoot: URL) throws -> [PlannedLesson] {
        let names = try lessonFileNames(in: directory)
        let cache = PlanCache(packageRoot: packageRoot)
        let planned = names.map { name in
            let url = directory.appendingPathComponent(name)
            return plan(file: relativePath(of: url, to: packageRoot), url: url, cache: cache)
        }
        return checkNumbers(planned).sorted {
            ($0.lesson.number, $0.lesson.name) < ($1.lesson.number, $1.lesson.name)
        }
    }

    /// The names of the `NN-slug.md` files in `directory`, in no particular order.
    static func lessonFileNames(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".md") && LessonName(path: $0).isLessonName }
    }

    /// Warnings for Markdown files in `directory` that are not lessons because their name lacks the
    /// `NN-` number (README.md, the authoring guide, is expected and never warned about).
    public static func unnumberedFiles(in directory: URL, packageRoot: URL) throws -> [Problem] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".md") && !LessonName(path: $0).isLessonName && $0.lowercased() != "readme.md" }
            .sorted()
            .map { name in
                let file = relativePath(of: directory.appendingPathComponent(name), to: packageRoot)
                return Problem(file: file, line: 1, message: "not a lesson: lesson files are named NN-slug.md "
                    + "(e.g. 01-\(LessonName(path: name).slug).md), so this file is ignored")
            }
    }

    /// Plans one lesson file; `file` is the path used in messages.
    public static func plan(file: String, url: URL) -> PlannedLesson {
        plan(file: file, url: url, cache: nil)
    }

    /// Plans one lesson file, taking its checks from `cache` when they are there.
    static func plan(file: String, url: URL, cache: PlanCache?) -> PlannedLesson {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: url))
        } catch {
            return unreadable(file: file, url: url, line: 1, message: "cannot read the file: \(error.localizedDescription)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return unreadable(file: file, url: url, line: firstInvalidLine(bytes), message: "the file is not valid UTF-8")
        }
        let (lesson, problems) = LessonParser.parse(text: text, file: file, absolutePath: url.path)
        if let cached = cache?.checks(file: file, text: text) {
            return PlannedLesson(lesson: lesson, problems: cached.problems, warnings: cached.warnings)
        }
        let forbidden = ForbiddenCharacters.problem(in: text, file: file).map { [$0] } ?? []
        let syntax = SourceLocationCheck.problems(in: lesson) + ForwardReferenceCheck.problems(in: lesson)
        let planned = PlannedLesson(lesson: lesson, problems: forbidden + problems + check(lesson) + syntax,
                                    warnings: InfoStringCheck.warnings(in: lesson) + SwallowedFenceCheck.warnings(in: lesson))
        cache?.store(file: file, text: text, problems: planned.problems, warnings: planned.warnings)
        return planned
    }

    /// Errors inside one lesson: unknown cell and twin attributes, conflicting attributes, stray or unclosed fences.
    static func check(_ lesson: Lesson) -> [Problem] {
        var problems: [Problem] = []
        for block in lesson.blocks {
            switch block {
            case .cell(let cell):
                for fence in [cell.code, cell.output, cell.pythonTwin].compactMap({ $0 }) where !fence.isClosed {
                    problems.append(unclosed(fence, in: lesson))
                }
                for word in cell.unknownAttributes {
                    let known = CellAttribute.allCases.map(\.rawValue).joined(separator: ", ")
                    problems.append(Problem(file: lesson.file, line: cell.line,
                                            message: "unknown cell attribute '\(word)' (known: \(known))"))
                }
                // A compile-fail cell may show a syntax error: it is type-checked last, in a program of its own.
                if cell.code.isClosed, !cell.has(.skip), !cell.has(.compileFail), let problem = CellStructure.problem(in: cell, file: lesson.file) {
                    problems.append(problem)
                }
                if cell.has(.shouldFail) && cell.has(.compileFail) {
                    problems.append(Problem(file: lesson.file, line: cell.line,
                                            message: "a cell cannot be both should-fail and compile-fail"))
                }
            case .stray(let fence):
                if !fence.isClosed { problems.append(unclosed(fence, in: lesson)) }
                let what = fence.kind == .output ? "an output block" : "a PyTorch twin"
                problems.append(Problem(file: lesson.file, line: fence.line,
                                        message: "\(what) must come right after a swift cell"))
            case .prose:
                continue
            }
        }
        for twin in lesson.twins {
            for word in twin.unknownAttributes {
                let known = TwinAttribute.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append(Problem(file: lesson.file, line: twin.line,
                                        message: "unknown PyTorch twin attribute '\(word)' (known: \(known))"))
            }
        }
        return problems
    }

    /// The error for a fence without a closing line: Markdown makes the rest of the file its content.
    private static func unclosed(_ fence: Fence, in lesson: Lesson) -> Problem {
        let opening = ["swift": "```swift", "output": "```output", "pythonTwin": "```python pytorch"][fence.kind.rawValue]!
        return Problem(file: lesson.file, line: fence.line,
                       message: "this \(opening) fence is never closed: everything after it, to the end of the file, "
                           + "would be its content (add a closing ``` line)")
    }

    /// Adds an error to every lesson whose number another lesson also uses.
    static func checkNumbers(_ lessons: [PlannedLesson]) -> [PlannedLesson] {
        let byNumber = Dictionary(grouping: lessons, by: \.lesson.number)
        return lessons.map { planned in
            var planned = planned
            let others = byNumber[planned.lesson.number, default: []].filter { $0.lesson.file != planned.lesson.file }
            if !others.isEmpty {
                let names = others.map(\.lesson.file).sorted().joined(separator: ", ")
                planned.problems.append(Problem(file: planned.lesson.file, line: 1,
                                                message: "lesson number \(planned.lesson.number) is also used by \(names)"))
            }
            return planned
        }
    }

    private static func unreadable(file: String, url: URL, line: Int, message: String) -> PlannedLesson {
        let name = LessonName(path: file)
        let lesson = Lesson(file: file, absolutePath: url.path, number: name.number, slug: name.slug,
                            name: name.name, title: "", text: "", blocks: [], settings: LessonSettings())
        return PlannedLesson(lesson: lesson, problems: [Problem(file: file, line: line, message: message)])
    }

    /// The 1-based line holding the first byte sequence that is not UTF-8.
    static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if String(validating: bytes[start..<end], as: UTF8.self) == nil { return line }
            line += 1
            start = end + 1
        }
        return line
    }

    /// `url`'s path relative to `root` when it lies inside it, else the full path.
    static func relativePath(of url: URL, to root: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = root.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
