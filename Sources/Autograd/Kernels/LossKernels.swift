#if canImport(Glibc)
import Glibc
#endif

extension Kernels {
    /// Mean squared error of `x` against `target` (same count) into `out`.
    static func mseLoss(_ x: UnsafeBufferPointer<Float>, _ target: UnsafeBufferPointer<Float>,
                        _ reduction: Reduction, _ out: UnsafeMutableBufferPointer<Float>) {
        let n = x.count
        guard let op = out.baseAddress else { return }
        var total: Float = 0
        for i in 0..<n {
            let d = x[i] - target[i]
            if reduction == .none { op[i] = d * d } else { total += d * d }
        }
        switch reduction {
        case .none: break
        case .sum: op[0] = total
        case .mean: op[0] = total / Float(n)
        }
    }

    /// Negative log-likelihood of log-probabilities `x` (`[n, c]`, or `[c]` with one target) into `out`.
    static func nllLoss(_ x: UnsafeBufferPointer<Float>, _ shape: [Int], targets: [Int],
                        _ reduction: Reduction, _ out: UnsafeMutableBufferPointer<Float>) {
        let classes = shape[shape.count - 1]
        guard let op = out.baseAddress else { return }
        var total: Float = 0
        for (row, t) in targets.enumerated() {
            let loss = -x[row * classes + t]
            if reduction == .none { op[row] = loss } else { total += loss }
        }
        switch reduction {
        case .none: break
        case .sum: op[0] = total
        case .mean: op[0] = total / Float(targets.count)
        }
    }

    /// Cross-entropy of logits `x` against class indices into `out`: log-softmax over the last
    /// dimension (written to `logProbs`; the backward pass computes them again, the same way)
    /// followed by NLL.
    static func crossEntropy(_ x: UnsafeBufferPointer<Float>, _ shape: [Int], targets: [Int],
                             _ reduction: Reduction, _ out: UnsafeMutableBufferPointer<Float>,
                             logProbs: UnsafeMutableBufferPointer<Float>) {
        softmax(x, shape, dim: shape.count - 1, log: true, logProbs)
        nllLoss(UnsafeBufferPointer(logProbs), shape, targets: targets, reduction, out)
    }

    // MARK: The backward passes, shared by the tape and the graph

    /// The factor sample `row` of `count` gets from the loss gradient `g`: `g[row]` unreduced,
    /// `g[0]` for the sum, `g[0] / count` for the mean.
    static func classLossScale(_ g: UnsafeBufferPointer<Float>, row: Int, count: Int, _ reduction: Reduction) -> Float {
        switch reduction {
        case .none: return g[g.count == 1 ? 0 : row]
        case .sum: return g[0]
        case .mean: return g[0] / Float(count)
        }
    }

    /// The gradient of `mseLoss` with respect to its input: `(x - t) · 2g`, with `g` divided by
    /// the element count first for the mean. (The target's gradient is its negative.)
    static func mseLossBackward(_ x: UnsafeBufferPointer<Float>, _ target: UnsafeBufferPointer<Float>,
                                _ reduction: Reduction, gradient g: UnsafeBufferPointer<Float>,
                                _ out: UnsafeMutableBufferPointer<Float>) {
        let n = x.count
        if reduction == .none {
            for i in 0..<n { out[i] = (x[i] - target[i]) * (g[i] * 2) }
        } else {
            let scale = (reduction == .mean ? g[0] / Float(n) : g[0]) * 2
            for i in 0..<n { out[i] = (x[i] - target[i]) * scale }
        }
    }

    /// The gradient of `crossEntropy` with respect to the logits, from the log-probabilities of
    /// the forward pass: `(softmax - onehot(target)) · g` per sample.
    static func crossEntropyBackward(logProbs: UnsafeBufferPointer<Float>, targets: [Int], _ reduction: Reduction,
                                     gradient g: UnsafeBufferPointer<Float>, _ out: UnsafeMutableBufferPointer<Float>) {
        let classes = logProbs.count / Swift.max(targets.count, 1)
        for (row, target) in targets.enumerated() {
            let scale = classLossScale(g, row: row, count: targets.count, reduction)
            for c in 0..<classes {
                let p = expf(logProbs[row * classes + c])
                out[row * classes + c] = (c == target ? p - 1 : p) * scale
            }
        }
    }

    /// The gradient of `nllLoss` with respect to the log-probabilities (`classes` per sample):
    /// `-g` at each target, 0 elsewhere.
    static func nllLossBackward(classes: Int, targets: [Int], _ reduction: Reduction,
                                gradient g: UnsafeBufferPointer<Float>, _ out: UnsafeMutableBufferPointer<Float>) {
        out.initialize(repeating: 0)
        for (row, target) in targets.enumerated() {
            out[row * classes + target] = -classLossScale(g, row: row, count: targets.count, reduction)
        }
    }
}
