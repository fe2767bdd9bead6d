import Foundation

/// Tells open pages that the site changed, over server-sent events: each page's `EventSource`
/// gets the site version when it connects and after every rebuild, and reloads when it moves.
/// (One-way pushes are what SSE is for; browsers reconnect on their own, and no WebSocket package
/// is needed.)
final class ReloadBroadcaster: @unchecked Sendable {
    private let lock = NSLock()
    private var listeners: [UUID: AsyncStream<Int>.Continuation] = [:]
    private var closed = false

    /// A stream of site versions for one page, starting with `version`; it ends when the page goes
    /// away or the server stops.
    func subscribe(from version: Int) -> AsyncStream<Int> {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        continuation.yield(version)
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        lock.lock(); defer { lock.unlock() }
        if closed { continuation.finish() } else { listeners[id] = continuation }
        return stream
    }

    /// Sends `version` to every open page.
    func broadcast(_ version: Int) {
        lock.lock(); defer { lock.unlock() }
        for continuation in listeners.values { continuation.yield(version) }
    }

    /// Ends every stream (the server is stopping) and refuses new ones.
    func closeAll() {
        lock.lock()
        closed = true
        let all = listeners.values
        listeners = [:]
        lock.unlock()
        all.forEach { $0.finish() }
    }

    private func remove(_ id: UUID) {
        lock.lock(); defer { lock.unlock() }
        listeners[id] = nil
    }

    /// One SSE message announcing `version`.
    static func event(_ version: Int) -> String { "event: version\ndata: \(version)\n\n" }
}
