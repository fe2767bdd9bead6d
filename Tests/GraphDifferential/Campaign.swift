import Foundation

/// Runs many generated programs through ``ProgramCheck``; the first failure is shrunk and printed
/// as a test to paste. Used by `GraphDifferentialTests` (a few hundred programs) and by the
/// `graph-fuzz` executable (`make fuzz-graphs`, a long campaign).
public enum Campaign {
    /// What a campaign checked, and its first failure (shrunk, with a reproduction) if any.
    public struct Result: Sendable {
        public let programs: UInt64
        public let statements: Int
        public let seconds: Double
        public let failure: String?
    }

    /// Checks the programs of seeds `first ..< first + count`, stopping at the first failure.
    public static func run(count: UInt64, first: UInt64) -> Result {
        let start = Date()
        var statements = 0
        var checked: UInt64 = 0
        for seed in first..<(first + count) {
            var generator = ProgramGenerator(seed: seed)
            let program = generator.program()
            statements += program.allStatements.count
            checked += 1
            guard let failure = ProgramCheck.failure(of: program) else { continue }
            let small = ProgramShrinker.shrink(program, failing: failure.passes)
            let reason = ProgramCheck.failure(of: small, subsets: [failure.passes]) ?? failure
            let report = """
                seed \(seed): a graph execution disagrees with eager code, \(reason)
                shrunk from \(program.allStatements.count) to \(small.allStatements.count) statements:
                \(reason.problem.hasPrefix("trace:") ? ProgramSource.traceTest(small) : ProgramSource.test(small, passes: failure.passes))
                """
            return Result(programs: checked, statements: statements, seconds: Date().timeIntervalSince(start), failure: report)
        }
        return Result(programs: checked, statements: statements, seconds: Date().timeIntervalSince(start), failure: nil)
    }
}
