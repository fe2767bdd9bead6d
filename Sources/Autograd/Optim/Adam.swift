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
    /// `betas` as the doubles their decimals name (``asWritten(_:)``), converted once, not every step.
    private let betasAsWritten: (Double, Double)

    private var list = DistinctParameters()
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
        if let problem = Self.invalidArgument(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                                              count: parameters.count) {
            programmerError(problem, file: file, line: line)
        }
        self.lr = lr
        self.betas = betas
        betasAsWritten = (asWritten(betas.0), asWritten(betas.1))
        self.eps = eps
        self.weightDecay = weightDecay
        add(parameters: parameters, file: file, line: line)
    }

    /// PyTorch's message for the first invalid argument, or nil (`!(x >= 0)` also refuses NaN, as
    /// PyTorch's `not 0.0 <= x` does).
    static func invalidArgument(lr: Float, betas: (Float, Float), eps: Float, weightDecay: Float, count: Int) -> String? {
        if !(lr >= 0) { return "Invalid learning rate: \(lr)" }
        if !(eps >= 0) { return "Invalid epsilon value: \(eps)" }
        if !(betas.0 >= 0 && betas.0 < 1) { return "Invalid beta parameter at index 0: \(betas.0)" }
        if !(betas.1 >= 0 && betas.1 < 1) { return "Invalid beta parameter at index 1: \(betas.1)" }
        if !(weightDecay >= 0) { return "Invalid weight_decay value: \(weightDecay)" }
        if count == 0 { return "optimizer got an empty parameter list" }
        return nil
    }

    public func add(parameters: [Tensor], file: String = #filePath, line: Int = #line) {
        let added = list.add(parameters, file: file, line: line)
        states += Array(repeating: nil, count: added)
    }

    public func step() {
        let lr = asWritten(self.lr)  // once per step: the conversion goes through the decimal text
        for (index, parameter) in list.tensors.enumerated() {
            guard let grad = parameter.grad else { continue }
            let state = states[index] ?? State(count: parameter.count)
            states[index] = state
            state.step += 1
            withValues(of: parameter, grad, optimizer: "Adam") { p, g in
                update(p, g, state.expAvg.values, state.expAvgSq.values, lr: lr, step: state.step)
            }
        }
    }

    /// One parameter's update at step `step` (1 on the first), with the learning rate `lr` as written.
    private func update(_ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>,
                        _ m: UnsafeMutableBufferPointer<Float>, _ v: UnsafeMutableBufferPointer<Float>,
                        lr: Double, step: Int) {
        let (beta1, beta2) = betasAsWritten
        let rule = AdamRule(
            stepSize: Float(lr / (1 - pow(beta1, Double(step)))),
            correction2: Float((1 - pow(beta2, Double(step))).squareRoot()),
            weight: Float(1 - beta1), decay2: Float(beta2), keep2: Float(1 - beta2), eps: eps, weightDecay: weightDecay)
        // torch.lerp(m, g, weight) takes one of two forms, chosen by the weight, for accuracy.
        switch (rule.weight < 0.5, weightDecay != 0) {
        case (true, false): rule.apply(p, g, m, v, lerpFromStart: true, decay: false)
        case (true, true): rule.apply(p, g, m, v, lerpFromStart: true, decay: true)
        case (false, false): rule.apply(p, g, m, v, lerpFromStart: false, decay: false)
        case (false, true): rule.apply(p, g, m, v, lerpFromStart: false, decay: true)
        }
    }
}

/// One Adam step's numbers; `apply` is called with constant flags so each case compiles to its own
/// branch-free loop.
private struct AdamRule {
    let stepSize, correction2, weight, decay2, keep2, eps, weightDecay: Float

    /// `g += weightDecay * p`, `m = lerp(m, g, weight)`, `v = decay2 * v + keep2 * g²`,
    /// `p -= stepSize * m / (√v / correction2 + eps)`, four elements at a time (LLVM leaves the
    /// scalar loop unvectorized); each SIMD lane computes exactly what the scalar formula does.
    @inline(__always)
    func apply(_ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>,
               _ m: UnsafeMutableBufferPointer<Float>, _ v: UnsafeMutableBufferPointer<Float>,
               lerpFromStart: Bool, decay: Bool) {
        let n = p.count
        guard let p = p.baseAddress, let g = g.baseAddress, let m = m.baseAddress, let v = v.baseAddress else { return }
        var i = 0
        while i + 4 <= n {
            let (pi, mi, vi) = (UnsafeMutableRawPointer(p + i), UnsafeMutableRawPointer(m + i), UnsafeMutableRawPointer(v + i))
            let r = update(pi.loadUnaligned(as: SIMD4<Float>.self), UnsafeRawPointer(g + i).loadUnaligned(as: SIMD4<Float>.self),
                           mi.loadUnaligned(as: SIMD4<Float>.self), vi.loadUnaligned(as: SIMD4<Float>.self),
                           lerpFromStart: lerpFromStart, decay: decay)
            pi.storeBytes(of: r.p, as: SIMD4<Float>.self)
            mi.storeBytes(of: r.m, as: SIMD4<Float>.self)
            vi.storeBytes(of: r.v, as: SIMD4<Float>.self)
            i += 4
        }
        while i < n {
            let r = update(SIMD4(repeating: p[i]), SIMD4(repeating: g[i]), SIMD4(repeating: m[i]), SIMD4(repeating: v[i]),
                           lerpFromStart: lerpFromStart, decay: decay)
            (p[i], m[i], v[i]) = (r.p[0], r.m[0], r.v[0])
            i += 1
        }
    }

    /// The update of four parameters: their new values and moments.
    @inline(__always)
    private func update(_ p: SIMD4<Float>, _ g: SIMD4<Float>, _ m: SIMD4<Float>, _ v: SIMD4<Float>,
                        lerpFromStart: Bool, decay: Bool) -> (p: SIMD4<Float>, m: SIMD4<Float>, v: SIMD4<Float>) {
        let g = decay ? g + weightDecay * p : g
        let m = lerpFromStart ? m + weight * (g - m) : g - (g - m) * (1 - weight)
        let v = v * decay2 + keep2 * g * g
        return (p - stepSize * (m / (v.squareRoot() / correction2 + eps)), m, v)
    }
}

/// The double nearest the decimal that `value` prints as: `0.9` for `Float(0.9)`, where `Double(Float(0.9))`
/// is 0.899999976…; PyTorch computes with the Python float (a double) the user wrote.
func asWritten(_ value: Float) -> Double {
    Double(value.description) ?? Double(value)
}
