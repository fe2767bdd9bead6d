import Foundation
import _Differentiation

/// The scalar chain of ``Workloads/chain()`` as a plain `Float` function: 500× (`* 1.0001`,
/// `+ 0.001`). The compiler generates its derivative (Swift's language-level reverse-mode AD), so no
/// tape or graph exists at run time.
@differentiable(reverse)
func differentiableScalarChain(_ a: Float) -> Float {
    var v = a
    for _ in 0..<500 {
        v = v * 1.0001
        v = v + 0.001
    }
    return v
}

extension Workloads {
    /// One run: the chain's value and its derivative at `start` (kept out of line so the optimizer
    /// cannot fold a run into the next; the result is checked by ``compilerChain()``).
    @inline(never)
    func compilerChainRun(_ start: Float) -> (value: Float, gradient: Float) {
        valueWithGradient(at: start, of: differentiableScalarChain)
    }

    /// 3b. The same 1000 scalar ops, forward and backward, with the compiler's derivative; PyTorch's
    /// figure beside it is its tape on the same chain.
    func compilerChain() throws -> Row {
        var start: Float = 1
        let expected = Float(pow(1.0001, 500.0))
        guard abs(compilerChainRun(start).gradient - expected) <= 1e-4 * expected else {
            throw BenchError("the compiler's derivative of the scalar chain is not 1.0001^500")
        }
        var sink: Float = 0
        let timing = try Timing.measure(warmup: 3, iterations: count(300)) {
            sink += compilerChainRun(start).gradient
            start = 1 + sink * 0   // an input the optimizer cannot treat as constant
        }
        return row("scalar_chain_1000ops_compiler_ad_us", "1000 scalar ops, fwd + bwd, compiler AD", timing)
    }
}
