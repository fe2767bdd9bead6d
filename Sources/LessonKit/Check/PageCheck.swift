import Foundation

/// What `lessons build` checks beyond the doc-test, for `lessons test` to check too: every page
/// renders (graph outputs are valid DOT that Graphviz can lay out, SVG outputs are static pictures,
/// templates fill in). A lesson that passes `test` cannot then fail `build`.
public enum PageCheck {
    /// One problem per lesson whose page cannot be rendered, at the cell (or line) at fault.
    public static func problems(_ results: [LessonResult], graphviz: Graphviz, memo: RenderMemo?) -> [Problem] {
        let builder = LessonPageBuilder(graphviz: graphviz, memo: memo)
        let resources: SiteResources
        do { resources = try SiteResources.bundled() } catch {
            return [Problem(file: "Sources/LessonKit/Render", line: 1, message: "the page templates cannot be loaded: \(error)")]
        }
        let problems = Slots<Problem?>(count: results.count)
        DispatchQueue.concurrentPerform(iterations: results.count) { position in
            do {
                let page = try builder.page(results, at: position, siteName: SiteRenderer.siteName).page
                _ = try resources.render(page, template: "lesson")
                problems.set(position, nil)
            } catch let error as RenderError {
                problems.set(position, Problem(file: error.file, line: error.line, message: "the page cannot be built: \(error.message)"))
            } catch {
                problems.set(position, Problem(file: results[position].lesson.file, line: 1,
                                               message: "the page cannot be built: \(error)"))
            }
        }
        return problems.all().compactMap { $0 }
    }
}
