import Autograd
import Testing

/// Loss targets are an input of the loss, not part of the op: a compiled graph and a traced
/// function take each step's labels as a feed instead of freezing the ones they were built with.
@Suite struct LossTargetFeedTests {
    @Test func aCompiledStepFeedsItsLabels() throws {
        let logits = Tensor.randn(4, 3, generator: Generator(seed: 5))
        let graph = Graph()
        let x = graph.variable(logits, name: "logits")
        let y = try graph.placeholder("y", shape: [4])
        let loss = try crossEntropy(x, targets: y)
        let grad = try graph.gradients(of: loss, wrt: [x])[0]
        let step = try graph.compile(fetch: [loss, grad])
        for labels in [[0, 1, 2, 0], [2, 2, 1, 0]] {
            let eagerLogits = Tensor(logits.data, shape: [4, 3], requiresGrad: true)
            let eager = crossEntropy(eagerLogits, labels)
            eager.backward()
            let results = try step.run(["y": Tensor(labels.map(Float.init))])
            #expect(results[0].data == eager.data)
            #expect(results[1].data == eagerLogits.grad?.data)
        }
    }

    @Test func aTracedStepTakesItsLabelsAsAnInput() throws {
        let logProbs = Tensor.randn(4, 3, generator: Generator(seed: 6)).logSoftmax(dim: 1)
        let traced = try trace(["logProbs": logProbs, "y": Tensor([0, 1, 2, 0])]) { inputs in
            nllLoss(inputs["logProbs"]!, targets: inputs["y"]!, reduction: .none)
        }
        #expect(traced.warnings.isEmpty)
        for labels in [[0, 1, 2, 0], [2, 2, 1, 0]] {
            let replay = try traced(["logProbs": logProbs, "y": Tensor(labels.map(Float.init))])
            #expect(replay.data == nllLoss(logProbs, labels, reduction: .none).data)
        }
    }
}
