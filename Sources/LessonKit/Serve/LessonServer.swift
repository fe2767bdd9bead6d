import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle

/// `lessons serve`: an HTTP server on 127.0.0.1, built on Hummingbird 2 (SwiftNIO underneath, so no
/// hand-written HTTP), that shows the site rendered from the current lessons, reloads open pages
/// when a lesson or the library changes, and runs lessons with a cell edited in the page.
///
/// Everything it serves comes from the in-memory site and the parsed lessons: no request path is
/// ever turned into a file path, so nothing outside the site and the lessons can be reached.
/// Requests go through `RequestGuard` (loopback Host; Origin and per-launch token to run code).
public final class LessonServer: @unchecked Sendable {
    /// The path prefix of the server's own endpoints and assets (the static site never uses it).
    static let prefix = "_serve"

    private let configuration: RunnerConfiguration
    private let requestedPort: Int
    private let log: @Sendable (String) -> Void
    private let site: LiveSite
    private let runner: CellEditRunner
    private let reloads = ReloadBroadcaster()
    private let watcher: SourceWatcher
    private let assets: [String: Data]
    private let renderer: (resources: SiteResources, builder: LessonPageBuilder)
    /// The secret every code-running request must carry.
    public let token = RequestGuard.newToken()
    private let lock = NSLock()
    private var boundPort = 0

    /// A server for the lessons of `configuration` on `port` (0: any free port), with the API
    /// reference from the DocC archive `apiArchive` when it exists; `log` gets the progress lines
    /// (one at start-up, one per rebuild).
    public init(configuration: RunnerConfiguration, port: Int, apiArchive: URL, outputCap: Int = 1 << 20,
                log: @escaping @Sendable (String) -> Void) throws {
        self.configuration = configuration
        self.requestedPort = port
        self.log = log
        self.site = LiveSite(configuration: configuration, apiArchive: apiArchive)
        self.runner = CellEditRunner(configuration: configuration, outputCap: outputCap)
        let library = configuration.library.sourcesDirectory
        self.watcher = SourceWatcher(roots: [
            .init(name: "lessons", folder: configuration.lessonsDirectory),
            .init(name: "library", folder: library),
            .init(name: "library", folder: library.deletingLastPathComponent().appendingPathComponent("CBLAS")),
        ])
        self.assets = try Self.loadAssets()
        self.renderer = (try SiteResources.bundled(), LessonPageBuilder(graphviz: Graphviz()))
    }

    /// The port the server listens on (0 until it does).
    public var port: Int { lock.lock(); defer { lock.unlock() }; return boundPort }

    /// Builds the site, starts listening and watching, and serves until SIGINT or SIGTERM; then
    /// stops every run and closes every page's event stream before the server shuts down
    /// gracefully. `onReady` gets the URL to open (with the token).
    public func run(onReady: @escaping @Sendable (URL) -> Void) async throws {
        let summary = site.rebuild()
        let logger = Self.quietLogger()
        let application = Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: requestedPort)),
            onServerRunning: { [self] channel in
                let port = channel.localAddress?.port ?? requestedPort
                lock.withLock { boundPort = port }
                let url = URL(string: "http://127.0.0.1:\(port)/?token=\(token)")!
                log("\(summary); serving \(url.absoluteString)")
                onReady(url)
            },
            logger: logger)
        watcher.start { [self] roots, files in rebuild(after: roots, files: files) }
        // A group shuts its services down last to first: the open event streams and runs end
        // before the server waits for its requests to finish.
        let stopWork = StopOnShutdown { [self] in
            watcher.stop()
            runner.stopAll()
            reloads.closeAll()
        }
        let group = ServiceGroup(configuration: .init(services: [application, stopWork],
                                                      gracefulShutdownSignals: [.sigint, .sigterm], logger: logger))
        try await group.run()
    }

    /// A service that does nothing until the group shuts down, then runs `stop`.
    private struct StopOnShutdown: Service {
        let stop: @Sendable () -> Void

        func run() async throws {
            try? await gracefulShutdown()
            stop()
        }
    }

    /// Rebuilds after a change, tells the open pages, and logs one line.
    private func rebuild(after roots: Set<String>, files: [String]) {
        var line = "changed \(files.prefix(3).joined(separator: ", "))\(files.count > 3 ? " and \(files.count - 3) more" : "")"
        if roots.contains("library") {
            if let failure = rebuildLibrary() {
                log("\(line): \(failure)")
                return
            }
            line += " (library rebuilt)"
        }
        let summary = site.rebuild()
        reloads.broadcast(site.snapshot.version)
        log("\(line): \(summary)")
    }

    /// Rebuilds the release Autograd library lessons link against; the failure, or nil.
    private func rebuildLibrary() -> String? {
        let logFile = configuration.cacheDirectory.appendingPathComponent("serve-library-build.log")
        try? FileManager.default.createDirectory(at: configuration.cacheDirectory, withIntermediateDirectories: true)
        let ending = try? ChildProcess.run(["swift", "build", "-c", "release", "--product", "AutogradStatic"],
                                           environment: configuration.environment, stdout: logFile, stderr: nil,
                                           timeout: nil)
        return ending == .exited(0) ? nil : "the library did not build (see \(logFile.path)); the previous pages stay"
    }

    // MARK: Routes

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: GuardMiddleware(server: self))
        router.get("/") { [self] _, _ in page("index.html") }
        router.get("**") { [self] _, context in page(context.parameters.getCatchAll().joined(separator: "/")) }
        router.get("\(Self.prefix)/:file") { [self] _, context in
            let name = try context.parameters.require("file")
            if name == "events" { return events() }
            guard let data = assets[name] else { return Self.text(.notFound, "not found") }
            return Self.response(data, type: Self.contentType(name))
        }
        router.get("\(Self.prefix)/lessons/:name") { [self] _, context in
            lessonCells(try context.parameters.require("name"))
        }
        router.post("\(Self.prefix)/run") { [self] request, _ in
            var request = request
            let body = try await request.collectBody(upTo: EditedLesson.maxSourceBytes + 4096)
            return await runEdited(Data(body.readableBytesView))
        }
        return router
    }

    /// A file of the rendered site; HTML pages get the serve script, which adds live reload and
    /// the Edit/Run/Reset buttons.
    private func page(_ path: String) -> Response {
        let snapshot = site.snapshot
        guard let data = snapshot.site.files[path] else { return Self.text(.notFound, "not found") }
        guard path.hasSuffix(".html") else { return Self.response(data, type: Self.contentType(path)) }
        let tags = """
            <link rel="stylesheet" href="\(Self.prefix)/serve.css">
            <script id="lessons-serve" type="application/json">{"version":\(snapshot.version)}</script>
            <script src="\(Self.prefix)/serve.js"></script>

            """
        var html = String(decoding: data, as: UTF8.self)
        if let end = html.range(of: "</body>", options: .backwards) { html.insert(contentsOf: tags, at: end.lowerBound) }
        return Self.response(Data(html.utf8), type: "text/html; charset=utf-8")
    }

    /// The page's server-sent event stream of site versions.
    private func events() -> Response {
        let stream = reloads.subscribe(from: site.snapshot.version)
        var headers = Self.commonHeaders
        headers[.contentType] = "text/event-stream"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 500\n\n"))
            for await version in stream {
                try await writer.write(ByteBuffer(string: ReloadBroadcaster.event(version)))
            }
            try await writer.finish(nil)
        })
    }

    /// A lesson's Swift cells as written (what Reset restores), as JSON.
    private func lessonCells(_ name: String) -> Response {
        guard let lesson = site.snapshot.lessons[name] else { return Self.text(.notFound, "no lesson \(name)") }
        let cells = lesson.cells.map { LessonCells.Cell(index: $0.index, line: $0.line, source: $0.source,
                                                        runs: !$0.has(.skip) && !$0.has(.norun)) }
        return Self.json(LessonCells(lesson: lesson.name, file: lesson.file, cells: cells))
    }

    /// Runs a lesson with one cell edited; answers with the new look of that cell and later ones.
    private func runEdited(_ body: Data) async -> Response {
        struct EditRequest: Decodable { var lesson: String; var line: Int; var source: String }
        guard let edit = try? JSONDecoder().decode(EditRequest.self, from: body) else {
            return Self.text(.badRequest, "expected JSON {lesson, line, source}")
        }
        guard let lesson = site.snapshot.lessons[edit.lesson] else {
            return Self.text(.notFound, "no lesson \(edit.lesson)")
        }
        let edited: Lesson
        do {
            edited = try EditedLesson.replacing(cellAt: edit.line, with: edit.source, in: lesson)
        } catch {
            return Self.text(.badRequest, "\(error)")
        }
        let index = lesson.cells.first { $0.line == edit.line }!.index
        switch await runner.run(edited) {
        case .superseded:
            return Self.json(EditedRunReport.superseded)
        case .finished(let result):
            do {
                return Self.json(try EditedRunReport(result: result, editedIndex: index,
                                                     resources: renderer.resources, builder: renderer.builder))
            } catch {
                return Self.text(.internalServerError, "\(error)")
            }
        }
    }

    /// Refuses requests `RequestGuard` does not allow, with 403 and the reason.
    struct GuardMiddleware: RouterMiddleware {
        typealias Context = BasicRequestContext
        let server: LessonServer

        func handle(_ request: Request, context: Context,
                    next: (Request, Context) async throws -> Response) async throws -> Response {
            let rules = RequestGuard(port: server.port, token: server.token)
            let refusal = rules.refusal(
                host: request.head.authority, origin: request.headers[.origin],
                givenToken: request.headers[HTTPField.Name(RequestGuard.tokenHeader)!],
                changesState: request.method != .get && request.method != .head)
            if let refusal { return LessonServer.text(.forbidden, refusal) }
            return try await next(request, context)
        }
    }

    // MARK: Responses

    /// Headers on every answer: never cached (the site changes under the page), never sniffed, and
    /// no Referer to other sites (the address bar may hold the token).
    static let commonHeaders: HTTPFields = [
        .cacheControl: "no-store", .xContentTypeOptions: "nosniff", HTTPField.Name("Referrer-Policy")!: "no-referrer",
    ]

    static func response(_ data: Data, type: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = commonHeaders
        headers[.contentType] = type
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        response(Data((message + "\n").utf8), type: "text/plain; charset=utf-8", status: status)
    }

    static func json(_ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(value) else { return text(.internalServerError, "cannot encode") }
        return response(data, type: "application/json")
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "json": "application/json"
        default: "application/octet-stream"
        }
    }

    /// The serve script and stylesheet bundled as `Serve/ServeAssets`.
    private static func loadAssets() throws -> [String: Data] {
        guard let folder = Bundle.module.url(forResource: "ServeAssets", withExtension: nil) else {
            throw ResourceError(description: "LessonKit's ServeAssets resources are missing")
        }
        var assets: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            assets[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return assets
    }

    /// Hummingbird's logger, at warning level: the server prints its own progress lines.
    private static func quietLogger() -> Logger {
        var logger = Logger(label: "lessons-serve")
        logger.logLevel = .warning
        return logger
    }
}

/// The Swift cells of a lesson as written, for the page's Edit and Reset.
struct LessonCells: Codable, Sendable {
    struct Cell: Codable, Sendable {
        var index: Int
        /// The line of the opening fence (the page's `data-line`).
        var line: Int
        var source: String
        /// False for `skip` and `norun` cells, whose code the page may not run.
        var runs: Bool
    }
    var lesson: String
    var file: String
    var cells: [Cell]
}
