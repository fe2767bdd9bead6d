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
    /// dimension (written to `logProbs`, which the backward pass uses) followed by NLL.
    static func crossEntropy(_ x: UnsafeBufferPointer<Float>, _ shape: [Int], targets: [Int],
                             _ reduction: Reduction, _ out: UnsafeMutableBufferPointer<Float>,
                             logProbs: UnsafeMutableBufferPointer<Float>) {
        softmax(x, shape, dim: shape.count - 1, log: true, logProbs)
        nllLoss(UnsafeBufferPointer(logProbs), shape, targets: targets, reduction, out)
    }
}
