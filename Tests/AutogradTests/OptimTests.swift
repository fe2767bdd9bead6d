import Testing
@testable import Autograd

@Suite struct OptimTests {
    /// Steps `optimizer` once per gradient (on its single parameter `p`) and returns p after each step.
    private func run(_ optimizer: Optimizer, _ p: Tensor, grads: [Float]) -> [Float] {
        grads.map { g in
            p.grad = Tensor([g])
            optimizer.step()
            return p.data[0]
        }
    }

    private func expectClose(_ actual: [Float], _ expected: [Double], _ tolerance: Float = 1e-6) {
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) { #expect(abs(a - Float(e)) <= tolerance, "\(actual) vs \(expected)") }
    }

    @Test func plainSGD() {
        let p = Tensor([1], requiresGrad: true)
        expectClose(run(SGD([p], lr: 0.1), p, grads: [1, -2]), [0.9, 1.1])
    }

    @Test func sgdMomentumStartsTheBufferAtTheFirstGradient() {
        let p = Tensor([1], requiresGrad: true)
        // buf = 1, p = 0.9; buf = 0.9 * 1 + 1 = 1.9, p = 0.9 - 0.19
        expectClose(run(SGD([p], lr: 0.1, momentum: 0.9), p, grads: [1, 1]), [0.9, 0.71])
    }

    @Test func sgdDampeningSkipsTheFirstStep() {
        let p = Tensor([1], requiresGrad: true)
        // buf = 1 (no dampening on the first step), p = 0.9; buf = 0.9 + 0.5 * 1 = 1.4, p = 0.9 - 0.14
        expectClose(run(SGD([p], lr: 0.1, momentum: 0.9, dampening: 0.5), p, grads: [1, 1]), [0.9, 0.76])
    }

    @Test func sgdNesterov() {
        let p = Tensor([1], requiresGrad: true)
        // buf = 1, d = 1 + 0.9 = 1.9, p = 0.81; buf = 1.9, d = 1 + 0.9 * 1.9 = 2.71, p = 0.81 - 0.271
        expectClose(run(SGD([p], lr: 0.1, momentum: 0.9, nesterov: true), p, grads: [1, 1]), [0.81, 0.539])
    }

    @Test func sgdWeightDecayAddsToTheGradient() {
        let p = Tensor([2], requiresGrad: true)
        // d = 1 + 0.1 * 2 = 1.2, p = 2 - 0.12
        expectClose(run(SGD([p], lr: 0.1, weightDecay: 0.1), p, grads: [1]), [1.88])
    }

    @Test func adamWithBiasCorrection() {
        let p = Tensor([1], requiresGrad: true)
        // step 1: m = 0.2, v = 0.004, p = 1 - 0.1 / 0.1 * 0.2 / (√0.004 / √0.001 + 1e-8) = 0.9
        // step 2: m = 0.08, v = 0.004996, p = 0.9 - 0.1 / 0.19 * 0.08 / (√0.004996 / √0.001999 + 1e-8)
        expectClose(run(Adam([p], lr: 0.1), p, grads: [2, -1]), [0.9, 0.8733662962024316])
    }

    @Test func adamWeightDecayIsL2OnTheGradient() {
        let p = Tensor([1], requiresGrad: true)
        // g = 2 + 0.5 * 1 = 2.5: the first Adam step moves by lr whatever the gradient's size
        expectClose(run(Adam([p], lr: 0.1, weightDecay: 0.5), p, grads: [2]), [0.9])
    }

    @Test func parametersAreDeduplicatedByIdentity() {
        let a = Tensor([1], requiresGrad: true), b = Tensor([1], requiresGrad: true)
        let sgd = SGD([a, a, b, a], lr: 0.5)
        #expect(sgd.parameters.count == 2)
        a.grad = Tensor([1])
        sgd.step()
        #expect(a.data == [0.5])
        let adam = Adam([b, b], lr: 0.1)
        #expect(adam.parameters.count == 1)
    }

    @Test func parametersWithoutGradientAreSkipped() {
        let a = Tensor([1], requiresGrad: true), b = Tensor([1], requiresGrad: true)
        let sgd = SGD([a, b], lr: 0.5, momentum: 0.9)
        a.grad = Tensor([1])
        sgd.step()
        sgd.step()
        #expect(b.data == [1])
        expectClose(a.data, [1 - 0.5 - 0.5 * 1.9])
    }

    @Test func parametersAddedLaterAreUpdatedAndDuplicatesIgnored() {
        let a = Tensor([1], requiresGrad: true), b = Tensor([2], requiresGrad: true)
        let adam = Adam([a], lr: 0.1)
        adam.add(parameters: [a, b])
        #expect(adam.parameters.count == 2)
        a.grad = Tensor([1])
        b.grad = Tensor([-3])
        adam.step()
        expectClose([a.data[0], b.data[0]], [0.9, 2.1])
    }

    @Test func zeroGradClearsGradients() {
        let model = Linear(2, 2)
        let sgd = SGD(model.parameters(), lr: 0.1)
        model(Tensor.ones(1, 2)).sum().backward()
        sgd.zeroGrad()
        #expect(model.parameters().allSatisfy { $0.grad == nil })
    }

    @Test func invalidArgumentsGetPyTorchsMessages() {
        func sgd(lr: Double = 0.1, momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0,
                 nesterov: Bool = false, count: Int = 1) -> String? {
            SGD.invalidArgument(lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay,
                                nesterov: nesterov, count: count)
        }
        #expect(sgd() == nil)
        #expect(sgd(lr: .nan) == "Invalid learning rate: nan")
        #expect(sgd(momentum: -0.5) == "Invalid momentum value: -0.5")
        #expect(sgd(weightDecay: -1) == "Invalid weight_decay value: -1.0")
        #expect(sgd(nesterov: true) == "Nesterov momentum requires a momentum and zero dampening")
        #expect(sgd(momentum: 0.9, dampening: 0.1, nesterov: true) == "Nesterov momentum requires a momentum and zero dampening")
        #expect(sgd(count: 0) == "optimizer got an empty parameter list")
        func adam(lr: Double = 0.1, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8) -> String? {
            Adam.invalidArgument(lr: lr, betas: betas, eps: eps, weightDecay: 0, count: 1)
        }
        #expect(adam() == nil)
        #expect(adam(eps: -1e-8) == "Invalid epsilon value: -1e-08")
        #expect(adam(betas: (1, 0.999)) == "Invalid beta parameter at index 0: 1.0")
        #expect(adam(betas: (0.9, -0.1)) == "Invalid beta parameter at index 1: -0.1")
    }

    @Test func invalidLearningRateStopsWithPyTorchsMessage() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SGD([Tensor.ones(1)], lr: -0.1)
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("OptimTests.swift:"))
        #expect(text.contains("Invalid learning rate: -0.1"))
    }
}
