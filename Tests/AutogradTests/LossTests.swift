import Autograd
import Foundation
import Testing

@Suite struct LossTests {
    private let prediction = Tensor([1, 2, 3, 4], shape: [2, 2])
    private let target = Tensor([1, 0, 5, 3], shape: [2, 2])

    @Test func mseReductions() {
        #expect(MSELoss()(prediction, target).item() == 2.25)
        #expect(MSELoss(reduction: .sum)(prediction, target).item() == 9)
        let none = MSELoss(reduction: .none)(prediction, target)
        #expect(none.shape == [2, 2] && none.data == [0, 4, 4, 1])
    }

    @Test func mseGradient() {
        let x = Tensor([1, 2, 3, 4], shape: [2, 2], requiresGrad: true)
        MSELoss()(x, target).backward()
        #expect(x.grad?.data == [0, 1, -1, 0.5])
    }

    @Test func crossEntropyOverClassIndices() {
        let logits = Tensor([0, 0, 0, 1, 2, 3], shape: [2, 3])
        let first = log(Float(3))
        let second = log(exp(Float(1)) + exp(2) + exp(3)) - 3
        let loss = CrossEntropyLoss()(logits, [1, 2])
        #expect(abs(loss.item() - (first + second) / 2) < 1e-6)
        let sum = CrossEntropyLoss(reduction: .sum)(logits, [1, 2])
        #expect(abs(sum.item() - (first + second)) < 1e-6)
    }

    @Test func nllPicksTheTargetLogProbability() {
        let logProbs = Tensor([-0.5, -1, -2, -0.25], shape: [2, 2])
        #expect(NLLLoss()(logProbs, [1, 0]).item() == 1.5)
        #expect(NLLLoss(reduction: .none)(logProbs, [0, 1]).data == [0.5, 0.25])
    }
}
