#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches the eager tape: every op that runs, every value a program reads out of a tensor, and
/// every random draw. The static-graph tracer implements it to find data-dependent control flow.
protocol TapeObserver: AnyObject {
    /// Called after every eager op, whether or not it recorded a gradient node (the ops
    /// `backward()` runs internally are not reported).
    func didRecord(_ op: Op, inputs: [Tensor], output: Tensor)
    /// Called when a program reads a value out of a tensor (`item()`), with the caller's location.
    func didRead(_ tensor: Tensor, value: String, file: String, line: Int)
    /// Called for every random draw (`randint`, random tensors), with the caller's location.
    func didDraw(_ what: String, value: String, file: String, line: Int)
    /// Called when a program reads a tensor's elements through ``Tensor/data`` (no location is known).
    func didReadElements(_ tensor: Tensor)
}

extension TapeObserver {
    /// Observers that do not care about `data` reads ignore them.
    func didReadElements(_ tensor: Tensor) {}
}

/// The per-thread state of the eager tape: grad mode, the observer and the modules being called.
///
/// It is per thread (like PyTorch's grad mode) so that tests running in parallel do not see each
/// other's `withNoGrad` or observers. The default generator is not here: it is one for the whole
/// process (``Generator/default``), as in PyTorch.
final class TapeState {
    var gradEnabled = true
    var observer: TapeObserver?
    /// Where the program's code called into modules that are running now, innermost last
    /// (see ``withCallSite(file:line:_:)``).
    var callSites: [(file: String, line: Int)] = []

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<TapeState>.fromOpaque(pointer).release() }
        }
        return key
    }()

    /// The calling thread's state, created on first use.
    @inline(__always)
    static var current: TapeState {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<TapeState>.fromOpaque(pointer).takeUnretainedValue()
        }
        let state = TapeState()
        pthread_setspecific(key, Unmanaged.passRetained(state).toOpaque())
        return state
    }
}

/// Whether ops on the current thread record gradient nodes (false inside ``withNoGrad(_:)``).
public var isGradEnabled: Bool { TapeState.current.gradEnabled }

/// Runs `body` without recording gradient nodes, like `with torch.no_grad():`.
public func withNoGrad<T>(_ body: () throws -> T) rethrows -> T {
    let state = TapeState.current
    let previous = state.gradEnabled
    state.gradEnabled = false
    defer { state.gradEnabled = previous }
    return try body()
}
