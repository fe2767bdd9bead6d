/// Buffer planning by liveness: every computed value gets a slot in one arena, and a slot is
/// handed to a later value once the last reader of its previous value has run.
///
/// The planner walks the steps in execution order. A step's output takes the smallest free
/// buffer that is large enough (or grows the largest free one, or opens a new one); then the
/// buffers of inputs read for the last time are returned to the pool. The output is placed
/// before inputs are released, so a kernel never writes over its own inputs.
struct BufferPlanner {
    /// One step to plan: the value it defines, its element count, and the values it reads.
    struct Step {
        let value: Int
        let count: Int
        let reads: [Int]
    }

    /// Result: which buffer each value lives in, and the buffers' sizes (in elements).
    struct Plan {
        var bufferOf: [Int: Int] = [:]
        var capacities: [Int] = []
        /// Offset of each buffer in the arena, in elements.
        var offsets: [Int] = []
        var totalCount: Int { capacities.reduce(0, +) }
    }

    /// Plans buffers for `steps`, given in the order they run; values in `keep` (fetched outputs, assigned values) stay
    /// live until the end of the run.
    static func plan(_ steps: [Step], keep: Set<Int>) -> Plan {
        var lastRead: [Int: Int] = [:]
        for (index, step) in steps.enumerated() {
            for value in step.reads { lastRead[value] = index }
        }
        var plan = Plan()
        var free: [Int] = []
        for (index, step) in steps.enumerated() {
            let buffer = take(step.count, from: &free, plan: &plan)
            plan.bufferOf[step.value] = buffer
            // A value nobody reads (and nobody keeps) is dead right after it is written.
            if lastRead[step.value] == nil && !keep.contains(step.value) { free.append(buffer) }
            for value in Set(step.reads).sorted() where lastRead[value] == index && !keep.contains(value) {
                if let buffer = plan.bufferOf[value] { free.append(buffer) }
            }
        }
        var offset = 0
        for capacity in plan.capacities {
            plan.offsets.append(offset)
            offset += capacity
        }
        return plan
    }

    /// One buffer per value: the baseline planning is measured against.
    static func unshared(_ steps: [Step]) -> Plan {
        var plan = Plan()
        for step in steps {
            plan.bufferOf[step.value] = plan.capacities.count
            plan.offsets.append(plan.totalCount)
            plan.capacities.append(step.count)
        }
        return plan
    }

    private static func take(_ count: Int, from free: inout [Int], plan: inout Plan) -> Int {
        let fitting = free.indices.filter { plan.capacities[free[$0]] >= count }
        if let best = fitting.min(by: { plan.capacities[free[$0]] < plan.capacities[free[$1]] }) {
            return free.remove(at: best)
        }
        if let largest = free.indices.max(by: { plan.capacities[free[$0]] < plan.capacities[free[$1]] }) {
            let buffer = free.remove(at: largest)
            plan.capacities[buffer] = count
            return buffer
        }
        plan.capacities.append(count)
        return plan.capacities.count - 1
    }
}
