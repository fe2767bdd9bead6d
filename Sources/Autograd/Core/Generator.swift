#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The library's own random number generator (SplitMix64): the same seed gives the same numbers
/// on every run and every machine.
///
/// Floats take the top 24 bits of a draw (uniform in [0, 1)); normal samples use the Box-Muller
/// transform in double precision. A generator may be shared between threads: each call (a whole
/// tensor's values, for the bulk draws) holds the generator's lock, as `torch.Generator` does.
public final class Generator: @unchecked Sendable {
    /// The seed the default generator starts from before any ``manualSeed(_:)``.
    public static let defaultSeed: UInt64 = 0

    /// The process-wide default generator, used when an API takes `generator: nil`: one for all
    /// threads, like PyTorch's default CPU generator, so ``manualSeed(_:)`` on any thread decides
    /// what every thread draws next.
    public static let `default` = Generator(seed: defaultSeed)

    /// Guards `state`; every public draw takes it once.
    private let lock = NSLock()
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// Restarts the sequence from `seed`.
    public func manualSeed(_ seed: UInt64) { locked { state = seed } }

    /// The next 64 random bits.
    public func next() -> UInt64 { locked { draw() } }

    /// A float uniform in [0, 1) with 24 random bits.
    public func nextFloat() -> Float { locked { drawFloat() } }

    /// An integer uniform in `low..<high` (rejection sampling, so without bias).
    public func nextInt(_ low: Int, _ high: Int) -> Int {
        precondition(low < high, "random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        let span = UInt64(high - low)
        let limit = UInt64.max - UInt64.max % span
        return locked {
            var value = draw()
            while value >= limit { value = draw() }
            return low + Int(value % span)
        }
    }

    /// Fills `buffer` with values uniform in [low, low + span), one draw each.
    func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, low: Float, span: Float) {
        locked {
            for i in buffer.indices { buffer[i] = low + span * drawFloat() }
        }
    }

    /// Fills `buffer` with standard normal samples (Box-Muller, both values of each pair used).
    func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>) {
        locked {
            var i = 0
            while i < buffer.count {
                let u1 = 1.0 - drawDouble()  // (0, 1]: log stays finite
                let u2 = drawDouble()
                let radius = (-2.0 * Glibc.log(u1)).squareRoot()
                let angle = 2.0 * Double.pi * u2
                buffer[i] = Float(radius * Glibc.cos(angle))
                if i + 1 < buffer.count { buffer[i + 1] = Float(radius * Glibc.sin(angle)) }
                i += 2
            }
        }
    }

    @inline(__always)
    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// The next 64 bits; the caller holds the lock.
    @inline(__always)
    private func draw() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    private func drawFloat() -> Float { Float(draw() >> 40) * (1.0 / 16_777_216.0) }

    @inline(__always)
    private func drawDouble() -> Double { Double(draw() >> 11) * (1.0 / 9_007_199_254_740_992.0) }
}

/// Seeds the default generator, which every thread draws from, like `torch.manual_seed`.
public func manualSeed(_ seed: UInt64) {
    Generator.default.manualSeed(seed)
}
