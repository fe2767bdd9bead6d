@testable import Autograd
@testable import GraphDifferential
import Testing

/// The execution plan on its own: its layout of a small graph, and, over random programs from the
/// differential generator under every pass subset, that no two values live at once share arena
/// elements and that planning is a pure function of the program.
@Suite struct ExecutionPlanTests {
    @Test func planPlacesEveryKindOfNodeAndRunsUpdatesAfterTheFetches() throws {
        let g = Graph()
        let x = try g.placeholder("x", shape: [2])
        _ = try g.placeholder("unused", shape: [3])
        let w = g.variable(Tensor([1, 2]), name: "w")
        let loss = try (x * w * g.constant(3)).sum()
        let gradients = try g.gradients(of: loss, wrt: [w])
        try StaticSGD(lr: 0.1, momentum: 0.9).update([w], gradients: gradients)
        let compiled = try g.compile(fetch: [loss, w], passes: [.bufferPlanning])
        let plan = compiled.plan

        #expect(plan.placeholders == [.init(name: "x", shape: [2], required: true),
                                      .init(name: "unused", shape: [3], required: false)])
        #expect(plan.variables.count == 3)   // w, its momentum buffer and its first-step flag
        #expect(plan.slots[w.id] == .variable(0))
        #expect(plan.slots[x.id] == .placeholder(0))
        // The constants one after another from the start of the arena: the 3, then the gradient's seed.
        #expect(plan.constants.map { plan.slots[$0] } == [.arena(0..<1), .arena(1..<2)])
        #expect(plan.fetches.map(\.value) == [plan.slots[loss.id], .variable(0)])
        #expect(plan.updates.count == 1)
        #expect(plan.updates[0].updated == [0, 1, 2])   // the parameter, then its optimizer state
        #expect(plan.steps.allSatisfy { $0.updated.isEmpty })
        #expect(plan.arenaCount == 2 + compiled.report.plannedBytes / 4)
        #expect(compiled.report.planned && compiled.report.plannedValues == plan.steps.count)
        #expect(Self.layoutProblem(plan, compiled.program) == nil)
    }

    @Test func valuesLiveAtOnceNeverShareArenaElements() throws {
        var checked = 0
        for seed in UInt64(1)...60 {
            var generator = ProgramGenerator(seed: seed)
            let program = generator.program()
            for passes in ProgramCheck.passSubsets {
                for compiled in try Self.compiledGraphs(program, passes: passes) {
                    if let problem = Self.layoutProblem(compiled.plan, compiled.program) {
                        Issue.record("seed \(seed), passes \(passes): \(problem)")
                        return
                    }
                    #expect(ExecutionPlan(compiled.program, planBuffers: passes.contains(.bufferPlanning)) == compiled.plan)
                    checked += 1
                }
            }
        }
        #expect(checked > 60 * ProgramCheck.passSubsets.count)
    }

    /// The program's forward-and-gradients graph and, when it trains, its training step.
    static func compiledGraphs(_ program: RandomProgram, passes: [CompilePass]) throws -> [CompiledGraph] {
        let parameters = program.freshParameters(requiresGrad: false)
        let built = try GraphRun.Built(program, parameters: parameters)
        try built.build(program.after)
        let fetched = (program.fetches + [program.loss]).map { built.values[$0]! } + built.gradients.compactMap { $0 }
        let forward = try built.graph.compile(fetch: fetched, passes: passes)
        guard let training = program.training else { return [forward] }
        return [forward, try GraphRun.trainingStep(program, training, parameters: parameters, passes: passes)]
    }

    /// What is wrong with the plan's arena layout, in words: a range outside its region (constants
    /// first, then computed values), or two values whose lifetimes overlap sharing elements. A value
    /// lives from its step to its last reader: a later step, the fetches (after the value steps) or
    /// the assignments (after the updates).
    static func layoutProblem(_ plan: ExecutionPlan, _ program: Program) -> String? {
        let constantEnd = plan.constants.reduce(0) { $0 + Shapes.count(program.nodes[$1].shape) }
        for id in plan.constants {
            guard case .arena(let range) = plan.slots[id], range.upperBound <= constantEnd else {
                return "constant \(id) is at \(plan.slots[id]), outside the constants' region 0..<\(constantEnd)"
            }
        }
        let steps = plan.steps + plan.updates
        let fetchTime = plan.steps.count, end = steps.count + 1
        var born: [Int: Int] = [:], lastUse: [Int: Int] = [:]
        for (time, step) in steps.enumerated() {
            let node = program.nodes[step.node]
            guard step.inputs == node.inputs.map({ plan.slots[$0] }), plan.slots[step.node] == .arena(step.output) else {
                return "step \(time) (node \(step.node)) does not use the slots of its node"
            }
            guard step.output.lowerBound >= constantEnd, step.output.upperBound <= plan.arenaCount else {
                return "node \(step.node) is at \(step.output), outside the computed region \(constantEnd)..<\(plan.arenaCount)"
            }
            born[step.node] = time
            for input in node.inputs { lastUse[input] = time }
        }
        for id in program.outputs { lastUse[id] = max(lastUse[id] ?? 0, fetchTime) }
        for assignment in program.assignments { lastUse[assignment.value] = end }
        let lives = born.map { id, time in (id: id, time: time ... max(time, lastUse[id] ?? time)) }.sorted { $0.id < $1.id }
        for (i, a) in lives.enumerated() {
            for b in lives[(i + 1)...] where a.time.overlaps(b.time) {
                guard case .arena(let ra) = plan.slots[a.id], case .arena(let rb) = plan.slots[b.id] else { continue }
                if ra.overlaps(rb) {
                    return "nodes \(a.id) (live \(a.time), at \(ra)) and \(b.id) (live \(b.time), at \(rb)) share elements"
                }
            }
        }
        return nil
    }
}
