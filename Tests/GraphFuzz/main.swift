import Dispatch
import Foundation
import GraphDifferential

// The long differential campaign of `make fuzz-graphs`: GRAPH_FUZZ_PROGRAMS programs (default
// 100,000) from seed GRAPH_FUZZ_SEED (default 1), split over GRAPH_FUZZ_JOBS threads (default 2).
// Built in release, so a campaign takes minutes, not hours. Exits 1 on the first failure.
let environment = ProcessInfo.processInfo.environment
let count = environment["GRAPH_FUZZ_PROGRAMS"].flatMap { UInt64($0) } ?? 100_000
let first = environment["GRAPH_FUZZ_SEED"].flatMap { UInt64($0) } ?? 1
let jobs = max(1, environment["GRAPH_FUZZ_JOBS"].flatMap { Int($0) } ?? 2)

let start = Date()
let share = (count + UInt64(jobs) - 1) / UInt64(jobs)
let lock = NSLock()
var results: [Campaign.Result] = []
DispatchQueue.concurrentPerform(iterations: jobs) { job in
    let from = first + UInt64(job) * share
    let n = min(share, first + count - min(from, first + count))
    let result = Campaign.run(count: n, first: from)
    lock.lock()
    results.append(result)
    lock.unlock()
}
let programs = results.reduce(0) { $0 + $1.programs }
let statements = results.reduce(0) { $0 + $1.statements }
let seconds = Date().timeIntervalSince(start)
for failure in results.compactMap(\.failure) { print(failure) }
let verdict = results.contains { $0.failure != nil } ? "FAILED" : "all agree"
print("graph-fuzz: \(programs) programs (seeds \(first)...\(first + count - 1), \(statements) statements) on \(jobs) threads, "
      + "each run eagerly, traced, and compiled under all 32 pass subsets: \(verdict) in \(String(format: "%.0f", seconds)) s")
exit(verdict == "all agree" ? 0 : 1)
