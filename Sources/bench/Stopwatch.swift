#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock times of repeated runs of one piece of work.
struct Timing {
    /// Seconds per run, in the order they ran (warm-up runs excluded).
    let samples: [Double]

    var median: Double { samples.median }
    var min: Double { samples.min() ?? 0 }
    var mean: Double { samples.reduce(0, +) / Double(Swift.max(samples.count, 1)) }

    /// Runs `body` `warmup` times untimed, then `iterations` times, timing each run alone.
    static func measure(warmup: Int, iterations: Int, _ body: @escaping () throws -> Void) throws -> Timing {
        try measureAlternating(warmup: warmup, iterations: iterations, [body])[0]
    }

    /// Times pieces of work in alternation (a, b, c, a, b, c, …) after warming them all up, so that
    /// load from other processes falls on all alike: the fair way to compare them on a busy machine.
    static func measureAlternating(warmup: Int, iterations: Int, _ bodies: [() throws -> Void]) throws -> [Timing] {
        for _ in 0..<warmup {
            for body in bodies { try body() }
        }
        var samples = [[Double]](repeating: [], count: bodies.count)
        for i in samples.indices { samples[i].reserveCapacity(iterations) }
        for _ in 0..<Swift.max(iterations, 1) {
            for (i, body) in bodies.enumerated() {
                let start = now()
                try body()
                samples[i].append(now() - start)
            }
        }
        return samples.map(Timing.init)
    }

    /// A monotonic clock in seconds.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
