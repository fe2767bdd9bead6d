import Autograd
import Testing

/// Running compiled graphs: variables are read from and written to their tensors, assignments
/// happen after every read, and the in-place SGD update matches the eager optimizer.
@Suite struct GraphRunTests {
    @Test func assignmentsUpdateTheBoundTensorAfterAllReads() throws {
        let counter = Tensor([0, 10])
        let g = Graph()
        let v = g.variable(counter, name: "counter")
        let next = try v + 1
        try g.assign(v, next)
        let step = try g.compile(fetch: [try v * 2])
        #expect(try step.run()[0].data == [0, 20])     // read before the assignment
        #expect(try step.run()[0].data == [2, 22])
        #expect(counter.data == [2, 12])
    }

    @Test func variablesSeeChangesMadeOutsideTheGraph() throws {
        let w = Tensor([1, 2, 3], requiresGrad: true)
        let g = Graph()
        let out = try g.variable(w, name: "w").sum()
        let step = try g.compile(fetch: [out])
        #expect(try step.run()[0].item() == 6)
        (w * w).sum().backward()
        SGD([w], lr: 0.5).step()                       // w -= 0.5 * 2w → 0
        #expect(try step.run()[0].item() == 0)
    }

    /// Three steps of `loss = sum((p * x - 1)²)` with the eager SGD and with the static one.
    func compareWithEagerSGD(momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool) throws {
        let x = Tensor([0.5, -1, 2])
        let eagerP = Tensor([1, 2, -1], requiresGrad: true)
        let staticP = Tensor([1, 2, -1], requiresGrad: true)
        let eager = SGD([eagerP], lr: 0.1, momentum: momentum, dampening: dampening, weightDecay: weightDecay, nesterov: nesterov)
        let g = Graph()
        let input = try g.placeholder("x", shape: [3])
        let p = g.variable(staticP, name: "p")
        let loss = try ((p * input) - 1).pow(2).sum()
        try StaticSGD(lr: 0.1, momentum: momentum, dampening: dampening, weightDecay: weightDecay, nesterov: nesterov)
            .update([p], gradients: g.gradients(of: loss, wrt: [p]))
        let step = try g.compile(fetch: [loss])
        for _ in 0..<3 {
            eager.zeroGrad()
            let l = ((eagerP * x) - 1).pow(2).sum()
            l.backward()
            eager.step()
            #expect(Swift.abs(try step.run(["x": x])[0].item() - l.item()) <= 1e-5)
            #expect(zip(staticP.data, eagerP.data).allSatisfy { Swift.abs($0 - $1) <= 1e-6 })
        }
    }

    /// Feeds are read-only: a tensor fed to a placeholder and updated as a variable in the same run
    /// is read as fed, even after the update has written the variable.
    @Test func aFeedIsReadAsFedWhenItsTensorIsAlsoUpdated() throws {
        for passes in [[], CompilePass.allCases] {
            let (w, copy) = (Tensor([1, 2, 3]), Tensor([0, 0, 0]))
            let g = Graph()
            let x = try g.placeholder("x", shape: [3])
            let vw = g.variable(w, name: "w")
            let loss = try (vw * 2).sum()
            try StaticSGD(lr: 0.5).update([vw], gradients: try g.gradients(of: loss, wrt: [vw]))
            try g.assign(g.variable(copy, name: "copy"), x)   // runs after the update
            try g.compile(fetch: [loss], passes: passes).run(["x": w])
            #expect(w.data == [0, 1, 2])
            #expect(copy.data == [1, 2, 3])
        }
    }

    @Test func plainSGD() throws { try compareWithEagerSGD(momentum: 0, dampening: 0, weightDecay: 0.01, nesterov: false) }
    @Test func momentumWithDampeningAndWeightDecay() throws { try compareWithEagerSGD(momentum: 0.9, dampening: 0.3, weightDecay: 0.01, nesterov: false) }
    @Test func nesterovMomentum() throws { try compareWithEagerSGD(momentum: 0.8, dampening: 0, weightDecay: 0, nesterov: true) }
}
