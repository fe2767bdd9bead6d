import Autograd

/// What one execution of a ``RandomProgram`` produced: everything the three executions must agree on.
struct ProgramOutcome {
    /// The fetched values, then the loss.
    var forward: [[Float]] = []
    /// The loss's gradient w.r.t. each parameter (``RandomProgram/parameterIDs`` order); nil where no
    /// gradient reaches it (the same as zeros).
    var gradients: [[Float]?] = []
    /// Per training step: the fetched values, then the loss.
    var steps: [[[Float]]] = []
    /// Each parameter after the training steps.
    var trained: [[Float]] = []
    /// The eager run's largest gradient magnitude at each training step.
    var stepGradients: [Float] = []
}

extension RandomProgram {
    /// Ids of the parameter statements (not ties), in build order.
    var parameterIDs: [Int] {
        body.compactMap { if case .parameter = $0.instruction { return $0.id } else { return nil } }
    }

    /// Fresh tensors for the parameters, keyed by parameter and tie id (a tie maps to its
    /// parameter's tensor), so every execution trains its own copy.
    func freshParameters(requiresGrad: Bool) -> [Int: Tensor] {
        var tensors: [Int: Tensor] = [:]
        for statement in body {
            switch statement.instruction {
            case .parameter(_, let values):
                tensors[statement.id] = Tensor(values, shape: statement.shape, requiresGrad: requiresGrad)
            case .tie(_, let of):
                tensors[statement.id] = tensors[of]
            default: continue
            }
        }
        return tensors
    }

    /// The placeholders a run fetching `roots` needs: every input reached through reads (both
    /// branches of a cond, since the graph computes both).
    func inputsNeeded(for roots: [Int]) -> [Int] {
        var byID: [Int: Statement] = [:]
        func index(_ statements: [Statement]) {
            for s in statements {
                byID[s.id] = s
                if case let .cond(_, then, otherwise) = s.instruction {
                    index(then.statements)
                    index(otherwise.statements)
                }
            }
        }
        index(statements)
        var seen = Set<Int>(), stack = roots, inputs: [Int] = []
        while let id = stack.popLast() {
            guard seen.insert(id).inserted, let s = byID[id] else { continue }
            if case .input = s.instruction { inputs.append(id) }
            if case let .cond(p, then, otherwise) = s.instruction {
                stack += [p, then.result, otherwise.result] + then.statements.map(\.id) + otherwise.statements.map(\.id)
            } else {
                stack += s.instruction.reads
            }
        }
        return inputs.sorted()
    }

    /// The input statements by id, with their values as tensors.
    var inputTensors: [Int: (name: String, tensor: Tensor)] {
        var result: [Int: (String, Tensor)] = [:]
        for s in body {
            if case let .input(name, values) = s.instruction { result[s.id] = (name, Tensor(values, shape: s.shape)) }
        }
        return result
    }
}

/// Runs a program on the eager tape: the reference the graph executions are compared with.
enum EagerRun {
    static func run(_ program: RandomProgram) -> ProgramOutcome {
        var outcome = ProgramOutcome()
        let parameters = program.freshParameters(requiresGrad: true)
        var values = evaluate(program, parameters)
        outcome.forward = (program.fetches + [program.loss]).map { values[$0]!.detach().data }
        let loss = values[program.loss]!
        if loss.requiresGrad { loss.backward() }
        outcome.gradients = program.parameterIDs.map { parameters[$0]!.grad?.data }

        guard let training = program.training else { return outcome }
        let fresh = program.freshParameters(requiresGrad: true)
        let sgd = SGD(training.updated.map { fresh[$0]! }, lr: training.lr, momentum: training.momentum,
                      dampening: training.dampening, weightDecay: training.weightDecay, nesterov: training.nesterov)
        for _ in 0..<training.steps {
            values = evaluate(program, fresh)
            outcome.steps.append((program.fetches + [program.loss]).map { values[$0]!.detach().data })
            for id in program.parameterIDs { fresh[id]!.zeroGrad() }
            let loss = values[program.loss]!
            if loss.requiresGrad { loss.backward() }
            outcome.stepGradients.append(program.parameterIDs.compactMap { fresh[$0]!.grad?.data }.joined()
                .reduce(0) { Swift.max($0, Swift.abs($1)) })
            sgd.step()
        }
        outcome.trained = program.parameterIDs.map { fresh[$0]!.detach().data }
        return outcome
    }

    /// Every top-level value of one forward pass (a cond runs only the branch taken, like Swift's
    /// `if`, reading its predicate the cond's ``PredicateRead`` way). `inputs` replaces the
    /// placeholders' tensors (by name), as a trace needs.
    static func evaluate(_ program: RandomProgram, _ parameters: [Int: Tensor],
                         inputs: [String: Tensor] = [:]) -> [Int: Tensor] {
        var values: [Int: Tensor] = [:]
        func run(_ statements: [Statement]) {
            for s in statements {
                switch s.instruction {
                case let .input(name, v): values[s.id] = inputs[name] ?? Tensor(v, shape: s.shape)
                case .constant(let v): values[s.id] = Tensor(v, shape: s.shape)
                case .parameter, .tie: values[s.id] = parameters[s.id]!
                case let .op(op, args): values[s.id] = op.eager(args.map { values[$0]! })
                case let .cond(p, then, otherwise):
                    let branch = PredicateRead(cond: s.id).holds(values[p]!) ? then : otherwise
                    run(branch.statements)
                    values[s.id] = values[branch.result]!
                }
            }
        }
        run(program.statements)
        return values
    }
}

/// Traces the eager program (`trace`, like `torch.jit.trace`) and checks that every predicate
/// read froze with a warning — or, read through `.data`, made the trace fail — and that the
/// replay on the same inputs computes the eager loss.
enum TraceRun {
    static func problem(_ program: RandomProgram) -> String? {
        let parameters = program.freshParameters(requiresGrad: true)
        let inputs = Dictionary(uniqueKeysWithValues: program.inputTensors.values.map { ($0.name, $0.tensor) })
        var reads: [PredicateRead] = []
        let named = program.parameterIDs.map { (name: "p\($0)", tensor: parameters[$0]!) }
        let traced: TracedFunction
        do {
            traced = try trace(inputs, parameters: named) { fed in
                let values = EagerRun.evaluate(program, parameters, inputs: fed)
                reads = program.allStatements.compactMap { s in
                    guard case .cond = s.instruction, values[s.id] != nil else { return nil }
                    return PredicateRead(cond: s.id)
                }
                return values[program.loss]!
            }
        } catch GraphError.untracedRead {
            return reads.contains(.data) ? nil : "the trace refused a read, but no predicate was read through .data"
        } catch {
            return "the trace threw: \(error)"
        }
        if reads.contains(.data) { return "a predicate read through .data was neither reported nor refused by the trace" }
        let reported = traced.warnings.filter { $0.kind == .read }.count
        if reported != reads.count { return "the trace reported \(reported) reads of \(reads.count) predicate reads" }
        let expected = EagerRun.evaluate(program, parameters)[program.loss]!.data
        do {
            let replay = try traced(inputs).data
            return Tolerance.forward.difference(replay, expected).map { "the trace's replay of the loss: \($0)" }
        } catch {
            return "the trace's replay threw: \(error)"
        }
    }
}

/// Runs a program as a static graph compiled with a given set of passes (`[]`: the graph as
/// built, node by node, every value in its own buffer).
struct GraphRun {
    let passes: [CompilePass]

    func run(_ program: RandomProgram) throws -> ProgramOutcome {
        var outcome = ProgramOutcome()
        let inputs = program.inputTensors
        let roots = program.fetches + [program.loss]
        let feeds = Dictionary(uniqueKeysWithValues: program.inputsNeeded(for: roots).map { (inputs[$0]!.name, inputs[$0]!.tensor) })

        // Forward values and gradients.
        let built = try Built(program, parameters: program.freshParameters(requiresGrad: false))
        try built.build(program.after)
        let step = try built.graph.compile(fetch: roots.map { built.values[$0]! } + built.gradients.compactMap { $0 },
                                           passes: passes)
        let results = try step.run(feeds)
        outcome.forward = results[0..<roots.count].map(\.data)
        var next = roots.count
        outcome.gradients = built.gradients.map { g in
            guard g != nil else { return nil }
            defer { next += 1 }
            return results[next].data
        }

        guard let training = program.training else { return outcome }
        let parameters = program.freshParameters(requiresGrad: false)
        let compiled = try Self.trainingStep(program, training, parameters: parameters, passes: passes)
        for _ in 0..<training.steps {
            outcome.steps.append(try compiled.run(feeds).map(\.data))
        }
        outcome.trained = program.parameterIDs.map { parameters[$0]!.data }
        return outcome
    }

    /// The program's training step as one compiled graph bound to `parameters`: the loss, its
    /// gradients, the SGD updates, then the statements after the update; it fetches the loss and
    /// the program's fetches.
    static func trainingStep(_ program: RandomProgram, _ training: RandomProgram.Training,
                             parameters: [Int: Tensor], passes: [CompilePass]) throws -> CompiledGraph {
        let train = try Built(program, parameters: parameters)
        let sgd = StaticSGD(lr: training.lr, momentum: training.momentum, dampening: training.dampening,
                            weightDecay: training.weightDecay, nesterov: training.nesterov)
        let updated = training.updated.compactMap { id -> (GraphValue, GraphValue)? in
            let position = program.parameterIDs.firstIndex(of: train.parameterOf[id]!)!
            return train.gradients[position].map { (train.values[id]!, $0) }
        }
        try sgd.update(updated.map(\.0), gradients: updated.map(\.1))
        try train.build(program.after)
        return try train.graph.compile(fetch: (program.fetches + [program.loss]).map { train.values[$0]! }, passes: passes)
    }

    /// The program's graph up to the loss, with the loss's gradients.
    final class Built {
        let graph = Graph()
        var values: [Int: GraphValue] = [:]
        /// The parameter statement behind each parameter or tie id.
        var parameterOf: [Int: Int] = [:]
        /// The gradient of the loss w.r.t. each parameter (nil where none reaches it).
        var gradients: [GraphValue?] = []
        private let parameters: [Int: Tensor]

        init(_ program: RandomProgram, parameters: [Int: Tensor]) throws {
            self.parameters = parameters
            try build(program.body)
            let ids = program.parameterIDs
            var used = ids.map { values[$0]! }
            var grads: [GraphValue] = []
            // `gradients` refuses a variable the loss does not depend on: drop those one by one.
            while true {
                do {
                    grads = try graph.gradients(of: values[program.loss]!, wrt: used)
                    break
                } catch GraphError.unusedVariable(let name) {
                    used.removeAll { $0.name == name }
                }
            }
            gradients = ids.map { id in used.firstIndex { $0.id == values[id]!.id }.map { grads[$0] } }
        }

        func build(_ statements: [Statement]) throws {
            for s in statements {
                switch s.instruction {
                case .input(let name, _): values[s.id] = try graph.placeholder(name, shape: s.shape)
                case .parameter(let name, _):
                    values[s.id] = graph.variable(parameters[s.id]!, name: name)
                    parameterOf[s.id] = s.id
                case let .tie(name, of):
                    values[s.id] = graph.variable(parameters[s.id]!, name: name)
                    parameterOf[s.id] = of
                case .constant(let v): values[s.id] = graph.constant(Tensor(v, shape: s.shape))
                case let .op(op, args): values[s.id] = try op.graph(args.map { values[$0]! })
                case let .cond(p, then, otherwise):
                    values[s.id] = try graph.cond(values[p]!, then: {
                        try build(then.statements)
                        return values[then.result]!
                    }, else: {
                        try build(otherwise.statements)
                        return values[otherwise.result]!
                    })
                }
            }
        }
    }
}
