import Foundation

/// The site as `lessons serve` shows it: rendered in memory from the current lessons, with failing
/// lessons published and their failures shown (as `lessons build --allow-failures` does), and
/// rebuilt on demand; unchanged lessons come from the result cache.
final class LiveSite: @unchecked Sendable {
    /// One rendering of the site.
    struct Snapshot: Sendable {
        /// Every page and asset, by path relative to the site root.
        var site: Site
        /// The lessons the pages were rendered from, by name (`03-dynamic-vs-static`).
        var lessons: [String: Lesson]
        /// Counts rebuilds that changed the site; pages reload when it moves.
        var version: Int
    }

    let configuration: RunnerConfiguration
    /// Autograd's DocC archive, published under `api/` as `lessons build` does; read at every
    /// rebuild, so a `make docs` while serving shows at the next change.
    let apiArchive: URL
    private let graphviz = Graphviz()
    private let lock = NSLock()
    private var current = Snapshot(site: Site(files: [:]), lessons: [:], version: 0)

    init(configuration: RunnerConfiguration, apiArchive: URL) {
        self.configuration = configuration
        self.apiArchive = apiArchive
    }

    /// The latest rendering.
    var snapshot: Snapshot { lock.lock(); defer { lock.unlock() }; return current }

    /// Runs what changed, renders the site and swaps it in; returns one line saying what happened.
    /// When the lessons cannot be read or a page cannot be rendered, the previous site stays.
    func rebuild() -> String {
        let start = Date()
        let results: [LessonResult]
        let site: Site
        let api = try? APIArchive.load(apiArchive)
        do {
            let planned = try LessonPlanner.plan(directory: configuration.lessonsDirectory,
                                                 packageRoot: configuration.packageRoot)
            results = try LessonRunner(configuration).runAll(planned)
            let memo = RenderMemo.forPackage(root: configuration.packageRoot,
                                             cacheDirectory: configuration.cacheDirectory, graphviz: graphviz)
            site = try SiteRenderer(graphviz: graphviz, memo: memo, api: api).render(results)
            try memo.save()
        } catch {
            return "not rebuilt, the previous pages stay: \(error)"
        }
        lock.lock()
        let changed = site != current.site
        current = Snapshot(site: site,
                           lessons: Dictionary(results.map { ($0.lesson.name, $0.lesson) }) { first, _ in first },
                           version: current.version + (changed ? 1 : 0))
        lock.unlock()
        let ran = results.filter { !$0.fromCache }.count
        let failed = results.filter { !$0.succeeded }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(start))
        return "\(results.count) lesson\(results.count == 1 ? "" : "s"), \(ran) run, \(results.count - ran) cached, \(failed.count) failed"
            + (failed.isEmpty ? "" : " (\(failed.map(\.lesson.file).joined(separator: ", ")))")
            + " in \(seconds) s" + (api == nil ? " (no API reference: `make docs` builds it)" : "")
    }
}
