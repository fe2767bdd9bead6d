import Foundation

/// Runs a program as a child process in its own process group, with stdout and stderr going to
/// files (no pipe can fill up) and a deadline after which the whole group is killed.
///
/// Whatever way the child ends, its process group is killed before the child is reaped, so
/// background processes it started do not outlive it; `Cleanup` ends the groups still running
/// when the runner is interrupted or exits.
enum ChildProcess {
    /// How a child process ended.
    enum Ending: Equatable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut

        /// The ending a raw `waitpid` status stands for.
        init(waitStatus status: Int32) {
            let signal = status & 0x7f
            self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
        }

        /// Whether something outside the program ended it (SIGKILL from the OOM killer or a user,
        /// SIGTERM, SIGINT, SIGHUP), so the ending says nothing about the program itself.
        var isFromOutside: Bool {
            if case .signaled(let signal) = self { return [SIGKILL, SIGTERM, SIGINT, SIGHUP].contains(signal) }
            return false
        }
    }

    /// Runs `arguments[0]` (looked up in PATH) with `environment` in the current directory,
    /// writing its stdout and stderr to the given files (both to `stdout` when `stderr` is nil);
    /// stdin is /dev/null. `channels` opens more files for writing on the given descriptors (3, 4, …).
    /// When `cancellation` is flipped the child's group is killed (the ending is `.signaled(SIGKILL)`);
    /// a cancelled run starts no child and throws.
    static func run(_ arguments: [String], environment: [String: String],
                    stdout: URL, stderr: URL?, channels: [Int32: URL] = [:], timeout: Double?,
                    cancellation: RunCancellation? = nil) throws -> Ending {
        if cancellation?.isCancelled == true { throw RunnerError("the run was cancelled") }
        Cleanup.shared.install()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let stderr {
            posix_spawn_file_actions_addopen(&actions, 2, stderr.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        for (descriptor, file) in channels.sorted(by: { $0.key < $1.key }) {
            posix_spawn_file_actions_addopen(&actions, descriptor, file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own group (killed as a whole), and default handling of the signals the runner (or the
        // process that started it) may ignore: SIGXFSZ must stop a program at its output limit.
        // No signal blocked either, whatever thread starts it: dispatch's worker threads block
        // signals, and a child started from one (as `lessons serve` does) would never get SIGXFSZ.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in Cleanup.signals + [SIGXFSZ, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        let pid = try Cleanup.shared.startGroup {
            var pid: pid_t = 0
            let error = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
            guard error == 0 else {
                throw RunnerError("cannot start \(arguments[0]): \(String(cString: strerror(error)))")
            }
            return pid
        }
        let ending = wait(for: pid, timeout: timeout, cancellation: cancellation)
        Cleanup.shared.forgetGroup(pid)
        Cleanup.shared.haltIfStopping()
        return ending
    }

    /// Polls the child until it ends, the deadline passes or the run is cancelled, without reaping it; then kills the
    /// child's whole process group (a forked should-fail cell or a cell's background process dies
    /// too) and only then reaps the child, whose unreaped pid keeps the group id from being reused.
    private static func wait(for pid: pid_t, timeout: Double?, cancellation: RunCancellation?) -> Ending {
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        var pause: useconds_t = 1_000
        var timedOut = false
        while true {
            var info = siginfo_t()
            let result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if result == 0 && info._sifields._sigchld.si_pid == pid { break }
            if result < 0 && errno != EINTR { break }
            if let deadline, Date() >= deadline {
                timedOut = true
                break
            }
            if cancellation?.isCancelled == true { break }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        var reaped = waitpid(pid, &status, 0)
        while reaped < 0 && errno == EINTR { reaped = waitpid(pid, &status, 0) }
        if timedOut { return .timedOut }
        return reaped == pid ? Ending(waitStatus: status) : .exited(-1)
    }
}

/// A failure of the runner itself (a missing tool or library), not of a lesson.
public struct RunnerError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
