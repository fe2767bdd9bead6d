#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The library's own random number generator (SplitMix64): the same seed gives the same numbers
/// on every run and every machine.
///
/// Floats take the top 24 bits of a draw (uniform in [0, 1)); normal samples use the Box-Muller
/// transform in double precision.
public final class Generator {
    /// The seed each thread's default generator starts from before any ``manualSeed(_:)``.
    public static let defaultSeed: UInt64 = 0

    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// Restarts the sequence from `seed`.
    public func manualSeed(_ seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inline(__always)
    public func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A float uniform in [0, 1) with 24 random bits.
    @inline(__always)
    public func nextFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A double uniform in [0, 1) with 53 random bits.
    @inline(__always)
    func nextDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// An integer uniform in `low..<high` (rejection sampling, so without bias).
    public func nextInt(_ low: Int, _ high: Int) -> Int {
        precondition(low < high, "random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        let span = UInt64(high - low)
        let limit = UInt64.max - UInt64.max % span
        var draw = next()
        while draw >= limit { draw = next() }
        return low + Int(draw % span)
    }

    /// Fills `buffer` with standard normal samples (Box-Muller, both values of each pair used).
    func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>) {
        var i = 0
        while i < buffer.count {
            let u1 = 1.0 - nextDouble()  // (0, 1]: log stays finite
            let u2 = nextDouble()
            let radius = (-2.0 * Glibc.log(u1)).squareRoot()
            let angle = 2.0 * Double.pi * u2
            buffer[i] = Float(radius * Glibc.cos(angle))
            if i + 1 < buffer.count { buffer[i + 1] = Float(radius * Glibc.sin(angle)) }
            i += 2
        }
    }

    /// The current thread's default generator, used when an API takes `generator: nil`.
    public static var `default`: Generator { TapeState.current.generator }
}

/// Seeds the current thread's default generator, like `torch.manual_seed`.
public func manualSeed(_ seed: UInt64) {
    Generator.default.manualSeed(seed)
}
