import Foundation
@testable import LessonKit

/// Builds lesson results for renderer tests from Markdown text and per-cell outcomes.
enum RenderFixture {
    /// Parses `markdown` as `Lessons/<name>.md` and pairs its cells with `cells` (by index); cells
    /// without an entry passed with no output.
    static func result(_ name: String, _ markdown: String, cells: [Int: CellResult] = [:],
                       problems: [Problem] = []) -> LessonResult {
        let (lesson, _) = LessonParser.parse(text: markdown, file: "Lessons/\(name).md",
                                             absolutePath: "/nonexistent/abs/Lessons/\(name).md")
        let results = lesson.cells.map { cell in
            cells[cell.index].map { var r = $0; r.index = cell.index; r.line = cell.line; return r }
                ?? CellResult(index: cell.index, line: cell.line, status: .passed)
        }
        return LessonResult(lesson: lesson, cells: results, problems: problems, fromCache: false, seconds: 0)
    }

    /// A passing cell that printed `stdout`.
    static func printed(_ stdout: String, rich: [RichOutput] = []) -> CellResult {
        CellResult(index: 0, line: 0, status: .passed, stdout: stdout, richOutputs: rich, actual: stdout)
    }

    /// The site for `results`, rendered with the bundled templates.
    static func site(_ results: [LessonResult]) throws -> Site {
        try SiteRenderer().render(results)
    }

    /// A page of `site` as text.
    static func page(_ site: Site, _ path: String) -> String {
        String(decoding: site.files[path] ?? Data(), as: UTF8.self)
    }

    /// A fresh empty folder under the system temporary directory.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("render-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let basics = """
        # Basics of "tensors" & grads

        Tensors hold numbers, like `torch.Tensor`.

        ## Making tensors

        ```swift
        let a = Tensor([1, 2, 3])
        print(a)
        ```

        ```output
        tensor([1.0000, 2.0000, 3.0000])
        ```

        ```python pytorch
        a = torch.tensor([1., 2., 3.])  # a twin
        print(a)
        ```

        ```swift hidden
        let secretSetup = 42
        ```

        ## Errors

        ```swift should-fail
        print(a[row: 7])
        ```

        ```output
        Fatal error: index 7 out of range
        ```

        ```swift compile-fail
        let b: Int = "text"
        ```

        ```output
        error: cannot convert value of type 'String' to specified type 'Int'
        ```

        ## Making tensors

        The end.
        """

    static let graphs = """
        # Graphs

        Pictures of graphs.

        ```swift
        display(dot: a.dot())
        ```
        """
}
