import Foundation
import Testing
@testable import Autograd

/// The optimizer updates bit for bit: eager `SGD` against `StaticSGD` (one update, two callers), and
/// `Adam` against a plain scalar transcription of PyTorch's formula.
@Suite struct OptimUpdateTests {
    /// 37 numbers (not a multiple of any vector width, so loop tails run too), varied by `seed`, with a
    /// negative zero among them.
    private func numbers(_ seed: Int, scale: Float = 1) -> [Float] {
        (0..<37).map { i in i == 5 ? -0.0 : scale * Float(sin(Double(7 * i + 13 * seed + 1))) }
    }

    private func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

    /// Twelve steps of eager SGD and of StaticSGD (the gradient fed as a placeholder) from one start;
    /// the parameters must agree bit for bit after every step.
    private func expectEagerAndStaticAgree(momentum: Double, dampening: Double, weightDecay: Double,
                                           nesterov: Bool) throws {
        let eager = Tensor(numbers(0), requiresGrad: true)
        let bound = Tensor(numbers(0))
        let sgd = SGD([eager], lr: 0.05, momentum: momentum, dampening: dampening, weightDecay: weightDecay,
                      nesterov: nesterov)
        let g = Graph()
        let p = g.variable(bound, name: "p")
        let gradient = try g.placeholder("g", shape: [37])
        try StaticSGD(lr: 0.05, momentum: momentum, dampening: dampening, weightDecay: weightDecay, nesterov: nesterov)
            .update([p], gradients: [gradient])
        let step = try g.compile(fetch: [gradient])
        for k in 1...12 {
            let grad = Tensor(numbers(k, scale: 3))
            eager.grad = grad
            sgd.step()
            _ = try step.run(["g": grad])
            #expect(bits(bound.data) == bits(eager.data), "step \(k)")
        }
    }

    @Test(arguments: [(0.0, 0.0, 0.0, false), (0.0, 0.0, 0.01, false), (0.9, 0.0, 0.0, false),
                      (0.9, 0.3, 0.0, false), (0.9, 0.3, 0.01, false), (0.8, 0.0, 0.0, true),
                      (0.8, 0.0, 0.01, true)])
    func eagerAndStaticSGDAgreeBitForBit(_ settings: (Double, Double, Double, Bool)) throws {
        try expectEagerAndStaticAgree(momentum: settings.0, dampening: settings.1, weightDecay: settings.2,
                                      nesterov: settings.3)
    }

    @Test func sgdFirstMomentumStepCopiesTheGradientAsPyTorchClonesIt() {
        // buf = clone(d) keeps a negative zero; 0 · buf + d would make it positive, and p = -0 - lr · buf shows it.
        let p = Tensor([-0.0], requiresGrad: true)
        p.grad = Tensor([-0.0])
        SGD([p], lr: 0.1, momentum: 0.9).step()
        #expect(p.data[0].bitPattern == Float(0).bitPattern)
    }

    /// PyTorch's `_single_tensor_adam`, one element at a time in plain scalar arithmetic: the
    /// optimizer's vectorized loop must give exactly these numbers.
    private struct ReferenceAdam {
        let lr: Double, betas: (Double, Double), eps: Double, weightDecay: Double
        var m: [Float], v: [Float]

        mutating func step(_ p: inout [Float], _ grad: [Float], t: Int) {
            let stepSize = Float(lr / (1 - pow(betas.0, Double(t))))
            let correction2 = Float(pow(1 - pow(betas.1, Double(t)), 0.5))
            let weight = Float(1 - betas.0)
            for i in p.indices {
                let g = weightDecay == 0 ? grad[i] : grad[i] + Float(weightDecay) * p[i]
                // torch.lerp: the form chosen by the weight
                m[i] = weight < 0.5 ? m[i] + weight * (g - m[i]) : g - (g - m[i]) * (1 - weight)
                v[i] = v[i] * Float(betas.1) + Float(1 - betas.1) * g * g
                let denominator = v[i].squareRoot() / correction2 + Float(eps)
                p[i] = p[i] - stepSize * (m[i] / denominator)
            }
        }
    }

    @Test(arguments: [(0.9, 0.999, 0.0), (0.9, 0.999, 0.1), (0.3, 0.99, 0.0), (0.3, 0.99, 0.1)])
    func adamMatchesTheScalarFormulaBitForBit(_ settings: (Double, Double, Double)) {
        let betas = (settings.0, settings.1)
        let parameter = Tensor(numbers(0), requiresGrad: true)
        let adam = Adam([parameter], lr: 0.01, betas: betas, eps: 1e-6, weightDecay: settings.2)
        var reference = ReferenceAdam(lr: 0.01, betas: betas, eps: 1e-6, weightDecay: settings.2,
                                      m: Array(repeating: 0, count: 37), v: Array(repeating: 0, count: 37))
        var expected = numbers(0)
        for t in 1...30 {
            let grad = numbers(t, scale: t % 7 == 0 ? 1e-4 : 2)
            parameter.grad = Tensor(grad)
            adam.step()
            reference.step(&expected, grad, t: t)
            #expect(bits(parameter.data) == bits(expected), "step \(t)")
        }
    }
}
