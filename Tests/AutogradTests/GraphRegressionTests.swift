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
}
