import ArgumentParser
import Dispatch
import Foundation
import LessonKit

/// `lessons serve`: the site on http://127.0.0.1, rebuilt and reloaded as lessons change, with
/// Edit / Run / Reset on every Swift cell. The page never writes to a lesson file: an edit lives
/// in the browser until Reset, and the author copies a good edit into the Markdown by hand, so a
/// stray click or another page can never change what `lessons test` checks.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the lessons on 127.0.0.1 with live reload and edit-and-run cells.",
        discussion: """
        Prints one line at start-up, with the address to open (it holds a secret token: only \
        pages opened from it may run code), and one per rebuild. Stop it with Ctrl-C.
        """)

    @OptionGroup var options: LessonOptions

    /// The port to listen on; 0 picks a free one.
    @Option(help: "The port on 127.0.0.1 to listen on (0: any free port).")
    var port = 8000

    /// The DocC archive of Autograd served under api/, as `lessons build` publishes it.
    @Option(help: "The DocC archive of Autograd served under api/, relative to the package root (`make docs` builds it).")
    var apiArchive = ".build/docc/Autograd.doccarchive"

    /// Open the address in the desktop's browser.
    @Flag(help: "Open the address in the browser (xdg-open, or $BROWSER).")
    var open = false

    func run() throws {
        let configuration = options.configuration()
        try options.requireLibrary(for: options.plan(configuration), configuration)
        let archive = URL(fileURLWithPath: apiArchive, relativeTo: configuration.packageRoot)
        let server = try LessonServer(configuration: configuration, port: port, apiArchive: archive) { line in
            print("serve: \(line)")
            fflush(stdout)
        }
        let open = self.open
        let finished = DispatchSemaphore(value: 0)
        let failure = LockedError()
        Task {
            do {
                try await server.run { url in if open { Self.openInBrowser(url) } }
            } catch {
                failure.error = error
            }
            finished.signal()
        }
        finished.wait()
        if let error = failure.error {
            print("lessons serve: \(error)")
            throw ExitCode.failure
        }
        print("serve: stopped")
    }

    private static func openInBrowser(_ url: URL) {
        let opener = ProcessInfo.processInfo.environment["BROWSER"] ?? "xdg-open"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [opener, url.absoluteString]
        do { try process.run() } catch { print("serve: cannot start \(opener): \(error); open \(url) by hand") }
    }
}

/// An error handed from the server task to the waiting command.
private final class LockedError: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    var error: Error? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
