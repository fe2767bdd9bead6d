import ArgumentParser
import Foundation
import LessonKit

/// `lessons build`: runs every lesson (unchanged ones come from the cache) and renders the HTML site
/// into `site/`, atomically: the new pages replace the old folder only when the whole build succeeds.
/// With `--check` it builds into a temporary folder instead and fails, listing the files, when the
/// result differs from the committed site.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the lessons and render the HTML site into site/.",
        discussion: """
        Pages, assets and the search index are written to a temporary folder beside the output \
        folder and swapped in only when every lesson passed and every page rendered; a failed build \
        leaves the previous site untouched. Two builds from the same lessons give byte-identical files.
        """)

    @OptionGroup var options: LessonOptions

    /// The folder the site goes to (and that `--check` compares with).
    @Option(help: "The folder the site is written to, relative to the package root.")
    var output = "site"

    /// Compare a fresh build with the output folder instead of replacing it.
    @Flag(help: "Build into a temporary folder and compare with the output folder; exit 1 listing the files that differ.")
    var check = false

    /// Publish pages even when lessons fail, with the failures shown on them.
    @Flag(help: "Publish the site even when lessons fail, showing the failures on their pages.")
    var allowFailures = false

    /// Load every page in headless Chromium afterwards and check what it shows.
    @Flag(help: "Then load every page in headless Chromium (Debian's chromium) and check its headings, code, outputs and scripts.")
    var browserCheck = false

    /// Lessons compiled and run at once.
    @Option(name: .short, help: "Lessons compiled and run at once (default: the number of cores).")
    var jobs: Int?

    /// Ignore cached results: compile and run every lesson.
    @Flag(help: "Ignore cached results: compile and run every lesson.")
    var force = false

    /// The DocC archive of Autograd that becomes the API reference (`make docs` makes it).
    @Option(help: "The DocC archive of Autograd published under api/, relative to the package root (`make docs` builds it).")
    var apiArchive = ".build/docc/Autograd.doccarchive"

    func run() throws {
        let configuration = options.configuration(jobs: jobs, force: force)
        let planned = try options.plan(configuration)
        let reporter = Reporter(lessons: planned)
        reporter.planWarnings(options.planWarnings(configuration, planned))
        let results = try LessonRunner(configuration).runAll(planned) { reporter.progress($0) }

        let failed = results.filter { !$0.succeeded }
        for result in failed { reporter.report(result) }
        if !failed.isEmpty && !allowFailures {
            let names = failed.map(\.lesson.file).joined(separator: ", ")
            print("lessons build: \(failed.count) lesson\(failed.count == 1 ? "" : "s") failed: \(names); "
                + "\(check ? "nothing was compared" : "the site was not changed") "
                + "(fix them, or pass --allow-failures to publish the failures)")
            throw ExitCode.failure
        }

        let graphviz = Graphviz()
        let memo = RenderMemo.forPackage(root: configuration.packageRoot,
                                         cacheDirectory: configuration.cacheDirectory, graphviz: graphviz)
        let api = try apiReference(root: configuration.packageRoot)
        let site: Site
        do {
            site = try SiteRenderer(graphviz: graphviz, memo: memo, api: api).render(results)
            try memo.save()
        } catch {
            print("lessons build: \(error)")
            throw ExitCode.failure
        }
        let destination = URL(fileURLWithPath: output, relativeTo: configuration.packageRoot).standardizedFileURL
        if check {
            try compare(site, with: destination, results: results, memo: memo, api: api)
        } else {
            try SiteWriter.write(site, to: destination)
            let pages = site.files.keys.filter { $0.hasSuffix(".html") }.count
            print("wrote \(output)/: \(pages) pages, \(site.files.count) files"
                + (failed.isEmpty ? "" : " (\(failed.count) with failures shown)"))
            try checkInBrowser(destination, results: results, memo: memo, api: api)
        }
    }

    /// The API reference archive; refused when it is missing or a public symbol has no documentation.
    private func apiReference(root: URL) throws -> APIArchive {
        let api: APIArchive
        do {
            api = try APIArchive.load(URL(fileURLWithPath: apiArchive, relativeTo: root))
        } catch {
            print("lessons build: \(error)")
            throw ExitCode.failure
        }
        let undocumented = api.undocumentedSymbols
        if !undocumented.isEmpty {
            print("lessons build: \(undocumented.count) public symbol\(undocumented.count == 1 ? " has" : "s have") "
                + "no documentation comment: \(undocumented.joined(separator: ", "))")
            throw ExitCode.failure
        }
        return api
    }

    /// `--check`: writes the fresh site to a temporary folder and compares it with `destination`.
    private func compare(_ site: Site, with destination: URL, results: [LessonResult], memo: RenderMemo,
                         api: APIArchive) throws {
        let fresh = FileManager.default.temporaryDirectory
            .appendingPathComponent("lessons-site-check-\(ProcessInfo.processInfo.processIdentifier)")
        let difference = try SiteWriter.compare(site, with: destination)
        // The fresh files are needed on disk only to show a difference or to load them in a browser.
        if !difference.isEmpty || browserCheck {
            try? FileManager.default.removeItem(at: fresh)
            try SiteWriter.writeFiles(site, into: fresh)
        }
        if difference.isEmpty {
            print("\(output)/ is up to date (\(site.files.count) files)")
            try checkInBrowser(fresh, results: results, memo: memo, api: api)
            try? FileManager.default.removeItem(at: fresh)
            return
        }
        print("\(output)/ differs from a fresh build:")
        for line in difference.lines { print("  \(line)") }
        print("the fresh build is in \(fresh.path) (diff -r \(output) \(fresh.path)); "
            + "run `lessons build` and commit \(output)/")
        throw ExitCode.failure
    }

    /// `--browser-check`: loads the pages in `folder` in headless Chromium and checks them.
    private func checkInBrowser(_ folder: URL, results: [LessonResult], memo: RenderMemo, api: APIArchive) throws {
        guard browserCheck else { return }
        let start = Date()
        let problems = try BrowserCheck().run(site: folder, results: results, memo: memo, api: api)
        for problem in problems { print("browser check: \(problem)") }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(start))
        print("browser check: \(results.count + 3) pages, \(problems.count) problems (\(seconds) s)")
        if !problems.isEmpty { throw ExitCode.failure }
    }
}
