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
    return out.recorded(op, input, target)
}

/// The cross-entropy of `logits` (`[n, c]`, or `[c]` for one sample) against class indices:
/// log-softmax over the classes followed by the negative log-likelihood, fused.
public func crossEntropy(_ logits: Tensor, _ targets: [Int], reduction: Reduction = .mean,
                         file: String = #filePath, line: Int = #line) -> Tensor {
    let op = Op.crossEntropy(targets: targets, reduction)
    let shape = checked(file: file, line: line) { () throws(ShapeError) in try op.outputShape(for: [logits.shape]) }
    let out = logits.map(to: shape) { x, out in Kernels.forward(op, inputs: [(x, logits.shape)], output: out) }
    return out.recorded(op, logits)
}

/// The negative log-likelihood of log-probabilities `logProbs` (`[n, c]` or `[c]`) against class
/// indices: minus the log-probability of each target, reduced by `reduction`.
public func nllLoss(_ logProbs: Tensor, _ targets: [Int], reduction: Reduction = .mean,
                    file: String = #filePath, line: Int = #line) -> Tensor {
    let op = Op.nllLoss(targets: targets, reduction)
    let shape = checked(file: file, line: line) { () throws(ShapeError) in try op.outputShape(for: [logProbs.shape]) }
    let out = logProbs.map(to: shape) { x, out in Kernels.nllLoss(x, logProbs.shape, targets: targets, reduction, out) }
    return out.recorded(op, logProbs)
}
