import ArgumentParser

/// The workloads of issue 7, in the order they run: DynamicNet steps, SharedNet steps, the scalar
/// chain, eager vs static at depth 2, the no-grad forward, sgemm, and the peak memory.
enum Workload: String, CaseIterable, ExpressibleByArgument {
    case dynamicnet, sharednet, chain, `static`, nograd, sgemm, memory
}
