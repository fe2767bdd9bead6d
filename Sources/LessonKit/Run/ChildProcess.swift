import Foundation

/// Runs a program as a child process in its own process group, with stdout and stderr going to
/// files (no pipe can fill up) and a deadline after which the whole group is killed.
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
    }

    /// Runs `arguments[0]` (looked up in PATH) with `environment` in the current directory,
    /// writing its stdout and stderr to the given files (both to `stdout` when `stderr` is nil);
    /// stdin is /dev/null. When `cancellation` is flipped the child's group is killed (the ending is
    /// `.signaled(SIGKILL)`); a cancelled run starts no child and throws.
    static func run(_ arguments: [String], environment: [String: String],
                    stdout: URL, stderr: URL?, timeout: Double?,
                    cancellation: RunCancellation? = nil) throws -> Ending {
        if cancellation?.isCancelled == true { throw RunnerError("the run was cancelled") }
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

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid: pid_t = 0
        let error = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard error == 0 else {
            throw RunnerError("cannot start \(arguments[0]): \(String(cString: strerror(error)))")
        }
        return wait(for: pid, timeout: timeout, cancellation: cancellation)
    }

    /// Polls the child until it ends or the deadline passes. At the deadline it kills the child's
    /// whole process group (so a forked should-fail cell dies too) before reaping the child, whose
    /// unreaped pid keeps the group id from being reused by another process meanwhile.
    private static func wait(for pid: pid_t, timeout: Double?, cancellation: RunCancellation?) -> Ending {
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        var status: Int32 = 0
        var pause: useconds_t = 1_000
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 && errno != EINTR { return .exited(-1) }
            if let deadline, Date() >= deadline {
                kill(-pid, SIGKILL)
                waitpid(pid, &status, 0)
                return .timedOut
            }
            if cancellation?.isCancelled == true {
                kill(-pid, SIGKILL)
                waitpid(pid, &status, 0)
                return .signaled(SIGKILL)
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        return Ending(waitStatus: status)
    }
}

/// A failure of the runner itself (a missing tool or library), not of a lesson.
public struct RunnerError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
