#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Adam, computing exactly what PyTorch's `torch.optim.Adam` computes (its single-tensor
/// implementation, without amsgrad); `weightDecay` is the L2 penalty added to the gradient.
///
/// For each parameter `p` with gradient `g`, its step `t` (counted per parameter) does:
/// ```
/// g = g + weightDecay * p
/// m = m + (1 - β1) * (g - m)                      (PyTorch's lerp)
/// v = β2 * v + (1 - β2) * g * g
/// p = p - lr / (1 - β1^t) * m / (√v / √(1 - β2^t) + eps)
/// ```
/// with the bias corrections computed in double precision from the hyperparameters as written
/// (`0.9`, not the float nearest it), as PyTorch does with Python floats.
public final class Adam: Optimizer {
    /// The learning rate; may be changed between steps (a schedule).
    public var lr: Float
    /// The decay rates of the first and second moment estimates.
    public let betas: (Float, Float)
    /// Added to the denominator for numerical stability.
    public let eps: Float
    /// The L2 penalty added to the gradient.
    public let weightDecay: Float

    private var list = ParameterList()
    /// Each parameter's moments and step count (nil until its first step).
    private var states: [State?] = []

    private final class State {
        let expAvg: StateBuffer
        let expAvgSq: StateBuffer
        var step = 0

        init(count: Int) {
            expAvg = StateBuffer(count: count)
            expAvgSq = StateBuffer(count: count)
        }
    }

    public var parameters: [Tensor] { list.tensors }

    /// An optimizer for `parameters` (de-duplicated by identity), with PyTorch's defaults and checks.
    public init(_ parameters: [Tensor], lr: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-8,
                weightDecay: Float = 0, file: String = #filePath, line: Int = #line) {
        checkHyperparameter(lr >= 0, "Invalid learning rate: \(lr)", file: file, line: line)
        checkHyperparameter(eps >= 0, "Invalid epsilon value: \(eps)", file: file, line: line)
        checkHyperparameter(betas.0 >= 0 && betas.0 < 1, "Invalid beta parameter at index 0: \(betas.0)",
                            file: file, line: line)
        checkHyperparameter(betas.1 >= 0 && betas.1 < 1, "Invalid beta parameter at index 1: \(betas.1)",
                            file: file, line: line)
        checkHyperparameter(weightDecay >= 0, "Invalid weight_decay value: \(weightDecay)", file: file, line: line)
        checkHyperparameter(!parameters.isEmpty, "optimizer got an empty parameter list", file: file, line: line)
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        add(parameters: parameters, file: file, line: line)
    }

    public func add(parameters: [Tensor], file: String = #filePath, line: Int = #line) {
        let added = list.add(parameters, file: file, line: line)
        states += Array(repeating: nil, count: added)
    }

    public func step() {
        for (index, parameter) in list.tensors.enumerated() {
            guard let grad = parameter.grad else { continue }
            let state = states[index] ?? State(count: parameter.count)
            states[index] = state
            state.step += 1
            withValues(of: parameter, grad, optimizer: "Adam") { p, g in
                update(p, g, state.expAvg.values, state.expAvgSq.values, step: state.step)
            }
        }
    }

    /// One parameter's update at step `step` (1 on the first).
    private func update(_ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>,
                        _ m: UnsafeMutableBufferPointer<Float>, _ v: UnsafeMutableBufferPointer<Float>, step: Int) {
        let (beta1, beta2) = (asWritten(betas.0), asWritten(betas.1))
        let biasCorrection1 = 1 - pow(beta1, Double(step))
        let biasCorrection2Sqrt = (1 - pow(beta2, Double(step))).squareRoot()
        let stepSize = Float(asWritten(lr) / biasCorrection1)
        let correction2 = Float(biasCorrection2Sqrt)
        let weight = Float(1 - beta1)
        let decay2 = Float(beta2)
        let keep2 = Float(1 - beta2)
        let (eps, weightDecay) = (eps, weightDecay)
        for i in 0..<p.count {
            let gi = weightDecay == 0 ? g[i] : g[i] + weightDecay * p[i]
            // torch.lerp(m, g, weight): one of two forms, chosen by the weight, for accuracy.
            m[i] = weight < 0.5 ? m[i] + weight * (gi - m[i]) : gi - (gi - m[i]) * (1 - weight)
            v[i] = v[i] * decay2 + keep2 * gi * gi
            let denom = v[i].squareRoot() / correction2 + eps
            p[i] -= stepSize * (m[i] / denom)
        }
    }
}

/// The double nearest the decimal that `value` prints as: `0.9` for `Float(0.9)`, where `Double(Float(0.9))`
/// is 0.899999976…; PyTorch computes with the Python float (a double) the user wrote.
func asWritten(_ value: Float) -> Double {
    Double(value.description) ?? Double(value)
}
