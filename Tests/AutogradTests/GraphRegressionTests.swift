import Autograd
import Testing

/// The defects of issue 12, each found by the differential generator (``GraphDifferentialTests``),
/// kept as small hand-written cases.
@Suite struct GraphRegressionTests {
    /// A tied parameter listed twice is updated once, as eager `SGD` (which de-duplicates) does.
    @Test func staticSGDUpdatesATiedParameterListedTwiceOnce() throws {
        let eager = Tensor([1, -1, 0.5], requiresGrad: true)
        let bound = Tensor([1, -1, 0.5])
        let g = Graph()
        let w = g.variable(bound, name: "w")
        let alsoW = g.variable(bound, name: "tied")
        let loss = try (w * w).sum()
        let gradient = try g.gradients(of: loss, wrt: [w])[0]
        try StaticSGD(lr: 0.3).update([w, alsoW], gradients: [gradient, gradient])
        try g.compile(fetch: [loss]).run()

        let sgd = SGD([eager, eager], lr: 0.3)
        (eager * eager).sum().backward()
        sgd.step()
        #expect(bound.data == eager.data)
    }

    @Test func staticSGDRefusesMismatchedLists() throws {
        let g = Graph()
        let w = g.variable(Tensor([1, 2]), name: "w")
        let loss = try (w * w).sum()
        let gradient = try g.gradients(of: loss, wrt: [w])[0]
        let other = try gradient * 2
        #expect(throws: GraphError.badAssignment(target: "w", reason: "SGD got 2 parameters but 1 gradients")) {
            try StaticSGD(lr: 0.1).update([w, w], gradients: [gradient])
        }
        #expect(throws: GraphError.badAssignment(
            target: "w", reason: "the parameter is listed twice, with gradients '\(gradient.name)' and '\(other.name)'")) {
            try StaticSGD(lr: 0.1).update([w, w], gradients: [gradient, other])
        }
    }

    /// Only the placeholders the fetched values (and assignments, updates) need must be fed, under
    /// every subset of passes; an unknown name is still an error.
    @Test func onlyNeededPlaceholdersMustBeFed() throws {
        let g = Graph()
        let x = try g.placeholder("x", shape: [2])
        let labels = try g.placeholder("labels", shape: [2])
        let prediction = try x * 2
        let loss = try mseLoss(prediction, labels)
        for passes in [[], CompilePass.allCases] {
            let step = try g.compile(fetch: [prediction], passes: passes)
            #expect(try step.run(["x": Tensor([1, 2])])[0].data == [2, 4])
            #expect(throws: GraphError.unknownFeed(name: "y", placeholders: ["x", "labels"])) {
                try step.run(["x": Tensor([1, 2]), "y": Tensor([0, 0])])
            }
            let both = try g.compile(fetch: [prediction, loss], passes: passes)
            #expect(throws: GraphError.missingFeed(placeholder: "labels", shape: [2])) {
                try both.run(["x": Tensor([1, 2])])
            }
        }
    }

    /// A value built after `StaticSGD.update` must not take the buffer of a gradient the update
    /// still has to read (the updates run last): training matches eager under buffer planning.
    @Test func valuesBuiltAfterTheUpdateLeaveGradientsAlone() throws {
        let x = Tensor([[0.5, -1, 2], [1.5, 0.25, -0.5]])
        let y = Tensor([[1, 0], [0, 1]])
        let w0: [Float] = [0.1, -0.2, 0.3, 0.4, 0.5, -0.6], b0: [Float] = [0.05, -0.05]
        let (w, b) = (Tensor(w0, shape: [2, 3], requiresGrad: true), Tensor(b0, shape: [2], requiresGrad: true))
        let sgd = SGD([w, b], lr: 0.1)
        for _ in 0..<6 {
            sgd.zeroGrad()
            mseLoss(linear(x, w, b).tanh(), y).backward()
            sgd.step()
        }
        let (gw, gb) = (Tensor(w0, shape: [2, 3]), Tensor(b0, shape: [2]))
        let g = Graph()
        let (vw, vb) = (g.variable(gw, name: "w"), g.variable(gb, name: "b"))
        let out = try linear(g.constant(x), vw, vb).tanh()
        let loss = try mseLoss(out, g.constant(y))
        try StaticSGD(lr: 0.1).update([vw, vb], gradients: try g.gradients(of: loss, wrt: [vw, vb]))
        let watch = try out.abs().mean()
        let step = try g.compile(fetch: [loss, watch])
        #expect(step.report.planned)
        for _ in 0..<6 { try step.run() }
        #expect(zip(gw.data, w.data).allSatisfy { Swift.abs($0 - $1) <= 1e-6 })
        #expect(zip(gb.data, b.data).allSatisfy { Swift.abs($0 - $1) <= 1e-6 })
    }

    /// A fetched variable shows the value the step computed with (before the updates and the
    /// assignments write it), as a parameter read before `optimizer.step()` does in eager code.
    @Test func aFetchedVariableShowsItsValueBeforeTheUpdate() throws {
        for passes in [[], CompilePass.allCases] {
            let (p, counter) = (Tensor([-1.75, 0.5, 2]), Tensor(0))
            let g = Graph()
            let vp = g.variable(p, name: "p"), vc = g.variable(counter, name: "counter")
            let loss = try vp.sum()
            try StaticSGD(lr: 0.05).update([vp], gradients: try g.gradients(of: loss, wrt: [vp]))
            try g.assign(vc, try vc + 1)
            let step = try g.compile(fetch: [vp, vc], passes: passes)
            let first = try step.run()
            #expect(first[0].data == [-1.75, 0.5, 2] && first[1].item() == 0)
            #expect(p.data == [-1.8, 0.45, 1.95] && counter.item() == 1)
        }
    }

    /// The branch not taken contributes exactly 0, even where its local derivative is infinite
    /// (`log` at 0), as Swift's `if` in eager code, which never runs it.
    @Test func condMasksTheGradientOfTheBranchNotTaken() throws {
        let v = Tensor([0, 1])
        let g = Graph()
        let take = try g.placeholder("takeThen", shape: [])
        let vv = g.variable(v, name: "v")
        let y = try g.cond(take, then: { try vv.log() }, else: { try vv * 2 })
        let grad = try g.gradients(of: try y.sum(), wrt: [vv])[0]
        for passes in [[], CompilePass.allCases] {
            let step = try g.compile(fetch: [grad], passes: passes)
            #expect(try step.run(["takeThen": Tensor(0)])[0].data == [2, 2])
            #expect(try step.run(["takeThen": Tensor(1)])[0].data == [.infinity, 1])
        }
    }

    /// A parameter reached only through the branch not taken has no gradient in eager code, so
    /// eager SGD skips it (no weight decay, no momentum); the static update skips it too.
    @Test func staticSGDSkipsAParameterOnlyInTheBranchNotTaken() throws {
        for takeThen: Float in [0, 1] {
            let (a, b) = (Tensor([1, -2]), Tensor([3, 4]))
            let g = Graph()
            let take = try g.placeholder("takeThen", shape: [])
            let (va, vb) = (g.variable(a, name: "a"), g.variable(b, name: "b"))
            let loss = try g.cond(take, then: { try (va * va).sum() }, else: { try vb.sum() })
            try StaticSGD(lr: 0.1, momentum: 0.9, weightDecay: 0.5)
                .update([va, vb], gradients: try g.gradients(of: loss, wrt: [va, vb]))
            let step = try g.compile(fetch: [loss])
            for _ in 0..<2 { try step.run(["takeThen": Tensor(takeThen)]) }

            let (ea, eb) = (Tensor([1, -2], requiresGrad: true), Tensor([3, 4], requiresGrad: true))
            let sgd = SGD([ea, eb], lr: 0.1, momentum: 0.9, weightDecay: 0.5)
            for _ in 0..<2 {
                sgd.zeroGrad()
                (takeThen != 0 ? (ea * ea).sum() : eb.sum()).backward()
                sgd.step()
            }
            #expect(zip(a.data + b.data, ea.data + eb.data).allSatisfy { Swift.abs($0 - $1) <= 1e-6 })
            #expect((takeThen != 0 ? b : a).data == (takeThen != 0 ? [3, 4] : [1, -2]))
        }
    }

    /// Reading elements through `.data` inside a traced function cannot be located or followed,
    /// so the trace fails at the `trace` call instead of silently freezing the branch; `item()`
    /// is reported as a warning with its line, and printing is not a read.
    @Test func aTraceRefusesReadsThroughData() throws {
        let x = Tensor([1, 2, 3])
        let traceLine = #line + 1
        #expect(throws: GraphError.untracedRead(node: "sum_1", file: #filePath, line: traceLine)) {
            try trace(x) { x in x.sum().data[0] > 0 ? x * 2 : -x }
        }
        let traced = try trace(x) { x in x.sum().item() > 0 ? x * 2 : -x }
        #expect(traced.warnings.count == 1 && traced.warnings[0].line == #line - 1)
        let printed = try trace(x) { x in _ = "\(x)"; return x * 2 }
        let replay = try printed(Tensor([-1, -2, -3]))
        #expect(printed.warnings.isEmpty && replay.data == [-2, -4, -6])
    }

    /// A value built outside a cond but used only by the branch not taken contributes 0 too.
    @Test func condMasksValuesOnlyTheBranchNotTakenUses() throws {
        let p = Tensor([-1.5, -1.75, 0])
        let g = Graph()
        let vp = g.variable(p, name: "p")
        let logged = try vp.slice(dim: 0, start: 2, end: 3).log()
        let y = try g.cond(g.constant(0), then: { logged }, else: { g.constant(Tensor([1])) })
        let grad = try g.gradients(of: try y.mean(), wrt: [vp])[0]
        for passes in [[], CompilePass.allCases] {
            #expect(try g.compile(fetch: [grad], passes: passes).run()[0].data == [0, 0, 0])
        }
    }

    /// The gradient of `max(dim:)` goes where the eager kernel's index is: the first maximum, and
    /// a NaN wins (as in PyTorch).
    @Test func maxGradientFollowsTheEagerIndexOnNaN() throws {
        let values: [Float] = [1, 0.5, 1.5, 1, 1.5, -1.5]
        let eager = Tensor(values, shape: [2, 3], requiresGrad: true)
        eager.sqrt().max(dim: 1).values.sum().backward()
        let g = Graph()
        let v = g.variable(Tensor(values, shape: [2, 3]), name: "v")
        let grad = try g.gradients(of: try v.sqrt().max(dim: 1).sum(), wrt: [v])[0]
        let got = try g.compile(fetch: [grad]).run()[0].data
        #expect(got.map(\.bitPattern) == eager.grad!.data.map(\.bitPattern))
    }

    /// The graph's clamp gradient follows the eager one on a NaN input (the gradient passes).
    @Test func clampGradientOfNaNFollowsEager() throws {
        let eager = Tensor([-2, 0.5], requiresGrad: true)
        eager.log().clamp(min: -0.5).sum().backward()
        let g = Graph()
        let v = g.variable(Tensor([-2, 0.5]), name: "v")
        let grad = try g.gradients(of: try v.log().clamp(min: -0.5).sum(), wrt: [v])[0]
        for passes in [[], CompilePass.allCases] {
            #expect(try g.compile(fetch: [grad], passes: passes).run()[0].data == eager.grad!.data)
        }
    }
}
