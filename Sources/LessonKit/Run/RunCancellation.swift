import Foundation

/// A switch that stops a lesson run from another thread: the child process running when it is
/// flipped is killed (its whole process group), and no further child is started.
/// `lessons serve` flips it when a newer edit of the same lesson supersedes a run.
public final class RunCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    /// Stops the run; safe to call more than once, from any thread.
    public func cancel() {
        lock.lock(); defer { lock.unlock() }
        cancelled = true
    }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }
}
