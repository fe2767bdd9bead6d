#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if arch(x86_64)
internal import _Builtin_intrinsics.intel
#endif

/// One `torch.optim.Adam` step of one parameter (PyTorch's single-tensor implementation, without
/// amsgrad), written once for ``Adam``.
///
/// For a parameter `p` with gradient `g` at its step `t` (1 on the first):
/// ```
/// g = g + weightDecay * p
/// m = m + (1 - β1) * (g - m)                      (PyTorch's lerp)
/// v = β2 * v + (1 - β2) * g * g
/// p = p - lr / (1 - β1^t) * m / (√v / √(1 - β2^t) + eps)
/// ```
/// The hyperparameters are doubles, as PyTorch keeps them (Python floats): the bias corrections and
/// the step size are computed in double precision once per step, then each factor is rounded to
/// `Float` once, as PyTorch's kernels round the scalars they are given.
struct AdamUpdate {
    /// The learning rate.
    let lr: Double
    /// The decay rates of the first and second moment estimates.
    let betas: (Double, Double)
    /// Added to the denominator for numerical stability.
    let eps: Double
    /// The L2 penalty added to the gradient.
    let weightDecay: Double

    /// Updates `parameter` and its moments `expAvg` and `expAvgSq` in place from `gradient` (all of one
    /// count) at step `step` (1 on the first).
    func apply(to parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
               expAvg: UnsafeMutableBufferPointer<Float>, expAvgSq: UnsafeMutableBufferPointer<Float>, step: Int) {
        let n = parameter.count
        precondition(gradient.count == n && expAvg.count == n && expAvgSq.count == n,
                     "Adam: the gradient and moments must have the parameter's count")
        guard n > 0, let p = parameter.baseAddress, let g = gradient.baseAddress, let m = expAvg.baseAddress,
              let v = expAvgSq.baseAddress else { return }
        let (beta1, beta2) = betas
        let rule = AdamStep(
            stepSize: Float(lr / (1 - pow(beta1, Double(step)))),
            // Python's `bias_correction2 ** 0.5` is C's pow, which is not always sqrt's double (their
            // Floats agreed for β2 ∈ {0.9, 0.98, 0.99, 0.999} over 200,000 steps).
            correction2: Float(pow(1 - pow(beta2, Double(step)), 0.5)),
            weight: Float(1 - beta1), decay2: Float(beta2), keep2: Float(1 - beta2), eps: Float(eps),
            weightDecay: Float(weightDecay))
        // torch.lerp(m, g, weight) takes one of two forms, chosen by the weight, for accuracy; constant
        // flags, so that each case compiles to its own branch-free loop.
        switch (rule.weight < 0.5, weightDecay != 0) {
        case (true, false): rule.apply(p, g, m, v, n, lerpFromStart: true, decay: false)
        case (true, true): rule.apply(p, g, m, v, n, lerpFromStart: true, decay: true)
        case (false, false): rule.apply(p, g, m, v, n, lerpFromStart: false, decay: false)
        case (false, true): rule.apply(p, g, m, v, n, lerpFromStart: false, decay: true)
        }
    }
}

/// One Adam step's factors, each rounded to `Float` once.
private struct AdamStep {
    let stepSize, correction2, weight, decay2, keep2, eps, weightDecay: Float

    /// `g += weightDecay * p`, `m = lerp(m, g, weight)`, `v = decay2 * v + keep2 * g²`,
    /// `p -= stepSize * m / (√v / correction2 + eps)`, in one pass, four elements at a time (LLVM
    /// leaves the scalar loop unvectorized); each SIMD lane computes exactly what the scalar formula does.
    @inline(__always)
    func apply(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>,
               _ v: UnsafeMutablePointer<Float>, _ n: Int, lerpFromStart: Bool, decay: Bool) {
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
        return (p - stepSize * (m / (squareRoot(v) / correction2 + eps)), m, v)
    }
}

/// The four correctly rounded square roots in one instruction. `Float.squareRoot()` on Linux keeps C's
/// `errno` path (`sqrtss`, then a call to `sqrtf` for negative input), so `SIMD4.squareRoot()` is four
/// scalar square roots with branches: a third of Adam's instructions (measured with callgrind).
@inline(__always)
private func squareRoot(_ x: SIMD4<Float>) -> SIMD4<Float> {
    #if arch(x86_64)
    SIMD4<Float>(_mm_sqrt_ps(__m128(x)))
    #else
    x.squareRoot()
    #endif
}
