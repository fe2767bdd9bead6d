#if canImport(Glibc)
import Glibc
#endif

/// The loss functions, like `torch.nn.functional.mse_loss`, `cross_entropy` and `nll_loss`.
/// (The criterion types `MSELoss`, `CrossEntropyLoss` and `NLLLoss` in `Losses/` call these.)

/// The mean squared error between `input` and `target` (same shape), reduced by `reduction`.
public func mseLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean,
                    file: String = #filePath, line: Int = #line) -> Tensor {
    let op = Op.mseLoss(reduction)
    let shape = checked(file: file, line: line) { () throws(ShapeError) in
        try op.outputShape(for: [input.shape, target.shape])
    }
    let out = input.withUnsafeBufferPointer { x in
        target.withUnsafeBufferPointer { t in Tensor.make(shape) { Kernels.mseLoss(x, t, reduction, $0) } }
    }
    return out.recorded(op, input, target) { g, node in
        // d/dx = 2 (x - t) · g (divided by n for the mean); d/dt is its negative.
        guard case .mseLoss(let reduction) = node.op else { return }
        let (x, t) = (node.input(0), node.input(1))
        var scale = g
        if reduction == .mean { scale = g / Float(x.count) }
        let dx = (x - t) * (scale * 2)
        node.pass(dx, to: 0)
        node.pass(-dx, to: 1)
    }
}

/// The cross-entropy of `logits` (`[n, c]`, or `[c]` for one sample) against class indices:
/// log-softmax over the classes followed by the negative log-likelihood, fused.
public func crossEntropy(_ logits: Tensor, _ targets: [Int], reduction: Reduction = .mean,
                         file: String = #filePath, line: Int = #line) -> Tensor {
    let op = Op.crossEntropy(targets: targets, reduction)
    let shape = checked(file: file, line: line) { () throws(ShapeError) in try op.outputShape(for: [logits.shape]) }
    var logProbs = [Float](repeating: 0, count: logits.count)
    let out = logits.withUnsafeBufferPointer { x in
        logProbs.withUnsafeMutableBufferPointer { saved in
            Tensor.make(shape) { Kernels.crossEntropy(x, logits.shape, targets: targets, reduction, $0, logProbs: saved) }
        }
    }
    return out.recorded(op, logits) { [logProbs] g, node in
        // d/dlogits = (softmax - onehot(target)) · g per sample (divided by n for the mean).
        guard case .crossEntropy(let targets, let reduction) = node.op else { return }
        let classes = logProbs.count / Swift.max(targets.count, 1)
        var grad = [Float](repeating: 0, count: logProbs.count)
        for (row, target) in targets.enumerated() {
            let scale = classLossScale(g, row: row, count: targets.count, reduction)
            for c in 0..<classes {
                let p = expf(logProbs[row * classes + c])
                grad[row * classes + c] = (c == target ? p - 1 : p) * scale
            }
        }
        node.pass(Tensor(uncheckedData: grad, shape: node.input(0).shape), to: 0)
    }
}

/// The negative log-likelihood of log-probabilities `logProbs` (`[n, c]` or `[c]`) against class
/// indices: minus the log-probability of each target, reduced by `reduction`.
public func nllLoss(_ logProbs: Tensor, _ targets: [Int], reduction: Reduction = .mean,
                    file: String = #filePath, line: Int = #line) -> Tensor {
    let op = Op.nllLoss(targets: targets, reduction)
    let shape = checked(file: file, line: line) { () throws(ShapeError) in try op.outputShape(for: [logProbs.shape]) }
    let out = logProbs.map(to: shape) { x, out in Kernels.nllLoss(x, logProbs.shape, targets: targets, reduction, out) }
    return out.recorded(op, logProbs) { g, node in
        // d/dlogProbs = -g at each target (divided by n for the mean), 0 elsewhere.
        guard case .nllLoss(let targets, let reduction) = node.op else { return }
        let input = node.input(0)
        let classes = input.shape[input.rank - 1]
        var grad = [Float](repeating: 0, count: input.count)
        for (row, target) in targets.enumerated() {
            grad[row * classes + target] = -classLossScale(g, row: row, count: targets.count, reduction)
        }
        node.pass(Tensor(uncheckedData: grad, shape: input.shape), to: 0)
    }
}

/// The factor sample `row`'s gradient gets from the loss gradient `g`.
private func classLossScale(_ g: Tensor, row: Int, count: Int, _ reduction: Reduction) -> Float {
    switch reduction {
    case .none: return g.element(g.count == 1 ? 0 : row)
    case .sum: return g.element(0)
    case .mean: return g.element(0) / Float(count)
    }
}
