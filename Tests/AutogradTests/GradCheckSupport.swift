import Testing
@testable import Autograd

/// Finite-difference gradient checking: compares the gradients `backward()` computes with central
/// differences of `Σ f(inputs) · w` for fixed random weights `w` (so every output element counts).
enum GradCheck {
    /// Checks d(Σ f·w)/d(input) for every input that requires a gradient.
    static func check(_ inputs: [Tensor], eps: Float = 1e-2, atol: Double = 2e-3, rtol: Double = 1e-2,
                      sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor) {
        let probe = withNoGrad { f(inputs) }
        let generator = Generator(seed: 99)
        let weights = Tensor.uniform(probe.shape, low: 0.5, high: 1.5, generator: generator)
        func objective() -> Double {
            let out = withNoGrad { f(inputs) }
            return zip(out.data, weights.data).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        for input in inputs { input.grad = nil }
        let out = f(inputs)
        (out * weights).sum().backward()
        for (k, input) in inputs.enumerated() where input.requiresGrad {
            guard let analytic = input.grad else {
                Issue.record("input \(k) got no gradient", sourceLocation: sourceLocation)
                continue
            }
            #expect(analytic.shape == input.shape, sourceLocation: sourceLocation)
            for i in 0..<input.count {
                let saved = input.data[i]
                input.data[i] = saved + eps
                let plus = objective()
                input.data[i] = saved - eps
                let minus = objective()
                input.data[i] = saved
                let numeric = (plus - minus) / Double(2 * eps)
                let value = Double(analytic.data[i])
                #expect(abs(value - numeric) <= atol + rtol * abs(numeric),
                        "input \(k) element \(i): analytic \(value), numeric \(numeric)",
                        sourceLocation: sourceLocation)
            }
        }
    }

    /// A leaf of `shape` with reproducible values in `low..<high` that requires a gradient.
    static func leaf(_ shape: [Int], low: Float = -2, high: Float = 2, seed: UInt64) -> Tensor {
        Tensor.uniform(shape, low: low, high: high, generator: Generator(seed: seed), requiresGrad: true)
    }

    /// A leaf whose values are at least `margin` away from 0 in absolute value (for kinks and logs).
    static func awayFromZero(_ shape: [Int], margin: Float = 0.2, seed: UInt64, positive: Bool = false) -> Tensor {
        let base = Tensor.uniform(shape, low: margin, high: 2, generator: Generator(seed: seed))
        let signs = Tensor.uniform(shape, low: 0, high: 1, generator: Generator(seed: seed + 1000))
        let values = zip(base.data, signs.data).map { positive || $1 >= 0.5 ? $0 : -$0 }
        return Tensor(values, shape: shape, requiresGrad: true)
    }
}
