import Foundation

/// Everything the runner started that must not outlive it: the process groups of its child
/// processes and its temporary folders and files.
///
/// On SIGINT, SIGTERM and SIGHUP, and when the runner exits, it kills every process group it started
/// and every process still descended from the runner, and removes the paths. `ChildProcess`
/// registers each child it starts (and kills the child's group when the child ends); lesson programs
/// also die with the runner if it is killed outright (`PR_SET_PDEATHSIG`, set by their prologue).
/// The runner is deliberately not a child subreaper: it would inherit every orphan (Chromium's
/// helpers, a Foundation `Process`'s children) and could not tell which zombies are its to reap.
final class Cleanup: @unchecked Sendable {
    static let shared = Cleanup()

    private let lock = NSLock()
    /// The process groups running now (their leaders are being waited for).
    private var groups: Set<pid_t> = []
    private var paths: Set<String> = []
    private var stopping = false
    private var signalSources: [DispatchSourceSignal] = []
    private var installed = false

    /// The signals that end the runner after cleaning up.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the signal handlers and the exit hook (once).
    func install() {
        lock.lock(); defer { lock.unlock() }
        guard !installed else { return }
        installed = true
        atexit { Cleanup.shared.endAll() }
        let queue = DispatchQueue(label: "lessonkit.cleanup")
        for signalNumber in Self.signals {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                Cleanup.shared.endAll()
                // Die of the same signal, as a shell expects (unblocked: the dispatch queue's thread
                // may block it); should it still be held off, exit with the shell's 128 + signal.
                signal(signalNumber, SIG_DFL)
                var set = sigset_t()
                sigemptyset(&set)
                sigaddset(&set, signalNumber)
                pthread_sigmask(SIG_UNBLOCK, &set, nil)
                kill(getpid(), signalNumber)
                usleep(200_000)
                _exit(128 + signalNumber)
            }
            source.resume()
            signalSources.append(source)
        }
    }

    /// Runs `start` (which starts a process and returns its pid) unless the runner is stopping, and
    /// remembers the process group the new process leads. Throws when the runner is stopping.
    func startGroup(_ start: () throws -> pid_t) throws -> pid_t {
        lock.lock(); defer { lock.unlock() }
        guard !stopping else { throw RunnerError("the runner is stopping") }
        let pid = try start()
        groups.insert(pid)
        return pid
    }

    /// Never returns once the runner is stopping: a thread whose child was just killed by a signal
    /// handler must not go on to report that as the lesson's failure while the handler ends the runner.
    func haltIfStopping() {
        lock.lock()
        let stopping = self.stopping
        lock.unlock()
        while stopping { pause() }
    }

    /// Forgets a process group after its leader ended and the group was killed.
    func forgetGroup(_ pid: pid_t) {
        lock.lock(); defer { lock.unlock() }
        groups.remove(pid)
    }

    /// Remembers a temporary folder or file to remove if the runner is stopped before it does so itself.
    func addPath(_ url: URL) {
        lock.lock(); defer { lock.unlock() }
        paths.insert(url.path)
    }

    func forgetPath(_ url: URL) {
        lock.lock(); defer { lock.unlock() }
        paths.remove(url.path)
    }

    /// Kills every remembered group and every descendant process, reaps the descendants that are
    /// not a `ChildProcess` waiter's own child, and removes the remembered paths. Later starts fail.
    func endAll() {
        lock.lock()
        stopping = true
        let groups = self.groups
        let paths = self.paths
        self.paths = []
        lock.unlock()
        for group in groups { kill(-group, SIGKILL) }
        for pid in Self.descendants(of: getpid()) {
            kill(pid, SIGKILL)
            // A ChildProcess waiter reaps its own child; other children are reaped here.
            if !groups.contains(pid) { waitpid(pid, nil, 0) }
        }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Every live process whose chain of parents leads to `root` (read from /proc; empty elsewhere).
    static func descendants(of root: pid_t) -> [pid_t] {
        var children: [pid_t: [pid_t]] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry), let parent = parentID(of: pid) else { continue }
            children[parent, default: []].append(pid)
        }
        var found: [pid_t] = []
        var queue = children[root] ?? []
        while let pid = queue.popLast() {
            found.append(pid)
            queue += children[pid] ?? []
        }
        return found
    }

    /// The parent pid of `pid` from /proc/<pid>/stat (the field after the state, which follows the
    /// parenthesised command name).
    static func parentID(of pid: pid_t) -> pid_t? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? pid_t(fields[1]) : nil
    }
}
