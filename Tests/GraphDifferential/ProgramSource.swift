import Autograd

/// A program as a Swift Testing test a person can paste into `Tests/AutogradTests`: the eager
/// code, the same program as a graph compiled with the failing passes, and `expectClose` checks
/// of the fetched values and gradients (or, for a training program, of every step and the
/// trained parameters).
enum ProgramSource {
    static func test(_ p: RandomProgram, passes: [CompilePass], name: String = "graphMatchesEager") -> String {
        var lines = ["@Test func \(name)() throws {"]
        func emit(_ line: String, _ indent: Int = 1) { lines.append(String(repeating: "    ", count: indent) + line) }
        let parameters = p.body.filter { if case .parameter = $0.instruction { return true } else { return false } }
        let ties = p.body.compactMap { s -> (Int, String, Int)? in
            if case let .tie(name, of) = s.instruction { return (s.id, name, of) } else { return nil }
        }
        emit("// Eager: the reference (an `if` runs only the branch taken).")
        for s in parameters {
            if case .parameter(_, let values) = s.instruction {
                emit("let p\(s.id) = Tensor(\(literal(values)), shape: \(s.shape), requiresGrad: true)")
            }
        }
        for (id, _, of) in ties { emit("let p\(id) = p\(of)  // tied") }
        let outputs = p.fetches + [p.loss]
        emit("func eager() -> [Tensor] {")
        for s in p.statements { eagerLines(s, 2, &lines) }
        emit("return [\(outputs.map(eagerName).joined(separator: ", "))]", 2)
        emit("}")

        emit("// The same program as a graph.")
        emit("let g = Graph()")
        for s in parameters {
            if case let .parameter(name, values) = s.instruction {
                emit("let t\(s.id) = Tensor(\(literal(values)), shape: \(s.shape))")
                emit("let gp\(s.id) = g.variable(t\(s.id), name: \"\(name)\")")
            }
        }
        for (id, name, of) in ties { emit("let gp\(id) = g.variable(t\(of), name: \"\(name)\")  // the same node as gp\(of)") }
        for s in p.body { graphLines(s, 1, &lines) }
        let built = try? GraphRun.Built(p, parameters: p.freshParameters(requiresGrad: false))
        let used = p.parameterIDs.enumerated().filter { built?.gradients[$0.offset] != nil }.map(\.element)
        emit("let gradients = try g.gradients(of: \(graphName(p.loss)), wrt: [\(used.map { "gp\($0)" }.joined(separator: ", "))])")
        let inputs = p.inputTensors
        let feeds = p.inputsNeeded(for: outputs).map { "\"\(inputs[$0]!.name)\": Tensor(\(literal(inputs[$0]!.tensor.data)), shape: \(inputs[$0]!.tensor.shape))" }
        let feedList = feeds.isEmpty ? "[:]" : "[\(feeds.joined(separator: ", "))]"
        let passList = "[" + passes.map { "." + String(describing: $0) }.joined(separator: ", ") + "]"

        if let t = p.training {
            let settings = "lr: \(t.lr), momentum: \(t.momentum), dampening: \(t.dampening), weightDecay: \(t.weightDecay), nesterov: \(t.nesterov)"
            emit("let sgd = SGD([\(t.updated.map { "p\($0)" }.joined(separator: ", "))], \(settings))")
            emit("let staticSGD = StaticSGD(\(settings))")
            let updated = t.updated.filter { id in
                let parameter = ties.first { $0.0 == id }?.2 ?? id
                return used.contains(parameter)
            }
            let gradientOf = { (id: Int) -> String in
                let parameter = ties.first { $0.0 == id }?.2 ?? id
                return "gradients[\(used.firstIndex(of: parameter)!)]"
            }
            emit("try staticSGD.update([\(updated.map { "gp\($0)" }.joined(separator: ", "))], gradients: [\(updated.map(gradientOf).joined(separator: ", "))])")
            for s in p.after { graphLines(s, 1, &lines) }
            emit("let step = try g.compile(fetch: [\(outputs.map(graphName).joined(separator: ", "))], passes: \(passList))")
            emit("for _ in 0..<\(t.steps) {")
            emit("let expected = eager()", 2)
            emit("let got = try step.run(\(feedList))", 2)
            emit("for (a, b) in zip(got, expected) { expectClose(a, b, .training) }", 2)
            emit("for p in [\(parameters.map { "p\($0.id)" }.joined(separator: ", "))] { p.zeroGrad() }", 2)
            emit("if expected.last!.requiresGrad { expected.last!.backward() }", 2)
            emit("sgd.step()", 2)
            emit("}")
            for s in parameters { emit("expectClose(t\(s.id), p\(s.id), .training)") }
        } else {
            for s in p.after { graphLines(s, 1, &lines) }
            emit("let step = try g.compile(fetch: [\(outputs.map(graphName).joined(separator: ", "))] + gradients, passes: \(passList))")
            emit("let got = try step.run(\(feedList))")
            emit("let expected = eager()")
            emit("if expected.last!.requiresGrad { expected.last!.backward() }")
            emit("for (a, b) in zip(got, expected) { expectClose(a, b) }")
            for (i, id) in used.enumerated() {
                emit("expectClose(got[\(outputs.count + i)], p\(id).grad ?? Tensor.zeros(p\(id).shape))")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// A failure of the trace check as a test: the eager function traced, its reads counted, and
    /// the replay compared on the same inputs.
    static func traceTest(_ p: RandomProgram, name: String = "traceMatchesEager") -> String {
        var lines = ["@Test func \(name)() throws {"]
        func emit(_ line: String, _ indent: Int = 1) { lines.append(String(repeating: "    ", count: indent) + line) }
        var parameters: [String] = []
        for s in p.body {
            switch s.instruction {
            case .parameter(_, let values):
                emit("let p\(s.id) = Tensor(\(literal(values)), shape: \(s.shape), requiresGrad: true)")
                parameters.append("(\"p\(s.id)\", p\(s.id))")
            case let .tie(_, of): emit("let p\(s.id) = p\(of)  // tied")
            default: continue
            }
        }
        emit("func eager(_ inputs: [String: Tensor]) -> Tensor {")
        for s in p.statements { eagerLines(s, 2, &lines, fed: true) }
        emit("return \(eagerName(p.loss))", 2)
        emit("}")
        let inputs = p.inputTensors.values.sorted { $0.name < $1.name }
            .map { "\"\($0.name)\": Tensor(\(literal($0.tensor.data)), shape: \($0.tensor.shape))" }
        emit("let inputs: [String: Tensor] = \(inputs.isEmpty ? "[:]" : "[" + inputs.joined(separator: ", ") + "]")")
        let values = EagerRun.evaluate(p, p.freshParameters(requiresGrad: true))
        let reads = p.allStatements.filter { if case .cond = $0.instruction { return values[$0.id] != nil } else { return false } }
        emit("// Reads through .data make the trace throw; item(), Float(_:) and Bool(_:) are reported.")
        emit("let traced = try trace(inputs, parameters: [\(parameters.joined(separator: ", "))]) { eager($0) }")
        emit("#expect(traced.warnings.filter { $0.kind == .read }.count == \(reads.count))")
        emit("expectClose(try traced(inputs), eager(inputs))")
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    private static func eagerName(_ id: Int) -> String { "v\(id)" }
    private static func graphName(_ id: Int) -> String { "g\(id)" }

    private static func eagerLines(_ s: Statement, _ indent: Int, _ lines: inout [String], fed: Bool = false) {
        let pad = String(repeating: "    ", count: indent)
        let name = eagerName(s.id)
        switch s.instruction {
        case .input(let input, _) where fed:
            lines.append(pad + "let \(name) = inputs[\"\(input)\"]!")
        case .input(_, let values), .constant(let values):
            lines.append(pad + "let \(name) = Tensor(\(literal(values)), shape: \(s.shape))")
        case .parameter, .tie:
            lines.append(pad + "let \(name) = p\(s.id)")
        case let .op(op, args):
            lines.append(pad + "let \(name) = " + call(op, args.map(eagerName), graph: false))
        case let .cond(predicate, then, otherwise):
            lines.append(pad + "let \(name): Tensor")
            lines.append(pad + "if \(PredicateRead(cond: s.id).source(eagerName(predicate))) {")
            for t in then.statements { eagerLines(t, indent + 1, &lines, fed: fed) }
            lines.append(pad + "    \(name) = \(eagerName(then.result))")
            lines.append(pad + "} else {")
            for t in otherwise.statements { eagerLines(t, indent + 1, &lines, fed: fed) }
            lines.append(pad + "    \(name) = \(eagerName(otherwise.result))")
            lines.append(pad + "}")
        }
    }

    private static func graphLines(_ s: Statement, _ indent: Int, _ lines: inout [String]) {
        let pad = String(repeating: "    ", count: indent)
        let name = graphName(s.id)
        switch s.instruction {
        case .input(let input, _):
            lines.append(pad + "let \(name) = try g.placeholder(\"\(input)\", shape: \(s.shape))")
        case .constant(let values):
            lines.append(pad + "let \(name) = g.constant(Tensor(\(literal(values)), shape: \(s.shape)))")
        case .parameter, .tie:
            lines.append(pad + "let \(name) = gp\(s.id)")
        case let .op(op, args):
            lines.append(pad + "let \(name) = " + call(op, args.map(graphName), graph: true))
        case let .cond(predicate, then, otherwise):
            lines.append(pad + "let \(name) = try g.cond(\(graphName(predicate)), then: {")
            for t in then.statements { graphLines(t, indent + 1, &lines) }
            lines.append(pad + "    return \(graphName(then.result))")
            lines.append(pad + "}, else: {")
            for t in otherwise.statements { graphLines(t, indent + 1, &lines) }
            lines.append(pad + "    return \(graphName(otherwise.result))")
            lines.append(pad + "})")
        }
    }

    /// The op applied to `a` in either API (the graph's calls are `try`).
    private static func call(_ op: GraphProgramOp, _ a: [String], graph: Bool) -> String {
        let t = graph ? "try " : ""
        switch op {
        case .binary(let b):
            let symbol = ["add": "+", "sub": "-", "mul": "*", "div": "/"][b.rawValue]!
            return t + "\(a[0]) \(symbol) \(a[1])"
        case let .scalar(s, value):
            switch s {
            case .add: return t + "\(a[0]) + \(value)"
            case .sub: return t + "\(a[0]) - \(value)"
            case .rsub: return t + "\(value) - \(a[0])"
            case .mul: return t + "\(a[0]) * \(value)"
            case .div: return t + "\(a[0]) / \(value)"
            case .rdiv: return t + "\(value) / \(a[0])"
            case .pow: return t + "\(a[0]).pow(\(value))"
            }
        case .unary(let u): return t + (u == .neg ? "-\(a[0])" : "\(a[0]).\(u.rawValue)()")
        case let .clamp(low, high):
            return t + "\(a[0]).clamp(min: \(low.map { "\($0)" } ?? "nil"), max: \(high.map { "\($0)" } ?? "nil"))"
        case .matmul: return t + "\(a[0]).matmul(\(a[1]))"
        case .linear(let bias): return t + "linear(\(a[0]), \(a[1]), \(bias ? a[2] : "nil"))"
        case .sum: return t + "\(a[0]).sum()"
        case .mean: return t + "\(a[0]).mean()"
        case let .sumDim(d, k): return t + "\(a[0]).sum(dim: \(d), keepdim: \(k))"
        case let .meanDim(d, k): return t + "\(a[0]).mean(dim: \(d), keepdim: \(k))"
        case let .maxDim(d, k): return t + "\(a[0]).max(dim: \(d), keepdim: \(k))" + (graph ? "" : ".values")
        case .softmax(let d): return t + "\(a[0]).softmax(dim: \(d))"
        case .logSoftmax(let d): return t + "\(a[0]).logSoftmax(dim: \(d))"
        case .reshape(let shape): return t + "\(a[0]).reshape(\(shape))"
        case let .transpose(d0, d1): return t + "\(a[0]).transpose(\(d0), \(d1))"
        case .index(let i): return t + "\(a[0]).\(graph ? "index" : "row")(\(i))"
        case let .slice(dim, start, end): return t + "\(a[0]).slice(dim: \(dim), start: \(start), end: \(end))"
        case .cat(let d): return t + "\(graph ? "g" : "Tensor").cat([\(a.joined(separator: ", "))], dim: \(d))"
        case .stack(let d): return t + "\(graph ? "g" : "Tensor").stack([\(a.joined(separator: ", "))], dim: \(d))"
        case let .compare(c, value): return t + "\(a[0]).\(c.rawValue)(\(value))"
        case .select: return t + (graph ? "select" : "Tensor.where") + "(\(a[0]), \(a[1]), \(a[2]))"
        case .mse(let r): return t + "mseLoss(\(a[0]), \(a[1]), reduction: .\(r))"
        case let .crossEntropy(targets, r): return t + "crossEntropy(\(a[0]), \(targets), reduction: .\(r))"
        case let .nll(targets, r): return t + "nllLoss(\(a[0]), \(targets), reduction: .\(r))"
        }
    }

    /// `[0.25, -1.0]`: Swift's shortest round-tripping spelling of each element.
    private static func literal(_ values: [Float]) -> String {
        "[" + values.map { $0.isNaN ? "Float.nan" : $0.isInfinite ? ($0 < 0 ? "-Float.infinity" : "Float.infinity") : "\($0)" }
            .joined(separator: ", ") + "]"
    }
}
