#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock times of repeated runs of one piece of work.
struct Timing {
    /// Seconds per run, in the order they ran (warm-up runs excluded).
    let samples: [Double]

    var median: Double {
        let sorted = samples.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
    var min: Double { samples.min() ?? 0 }
    var mean: Double { samples.reduce(0, +) / Double(Swift.max(samples.count, 1)) }

    /// Runs `body` `warmup` times untimed, then `iterations` times, timing each run alone.
    static func measure(warmup: Int, iterations: Int, _ body: () throws -> Void) rethrows -> Timing {
        for _ in 0..<warmup { try body() }
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<Swift.max(iterations, 1) {
            let start = now()
            try body()
            samples.append(now() - start)
        }
        return Timing(samples: samples)
    }

    /// Times two pieces of work in alternation (a, b, a, b, …) after warming both up, so that load
    /// from other processes falls on both alike: the fair way to compare them on a busy machine.
    static func measureAlternating(warmup: Int, iterations: Int, _ a: () throws -> Void,
                                   _ b: () throws -> Void) rethrows -> (Timing, Timing) {
        for _ in 0..<warmup {
            try a()
            try b()
        }
        var samplesA: [Double] = [], samplesB: [Double] = []
        samplesA.reserveCapacity(iterations)
        samplesB.reserveCapacity(iterations)
        for _ in 0..<Swift.max(iterations, 1) {
            var start = now()
            try a()
            samplesA.append(now() - start)
            start = now()
            try b()
            samplesB.append(now() - start)
        }
        return (Timing(samples: samplesA), Timing(samples: samplesB))
    }

    /// A monotonic clock in seconds.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
