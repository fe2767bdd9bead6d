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
    classLoss(.crossEntropy(reduction), logits, Tensor(classIndices: targets), file: file, line: line)
}

/// The cross-entropy of `logits` against `targets`, a tensor of class indices held as floats
/// (`[n]`), so that a traced function takes the labels as an input instead of freezing them.
public func crossEntropy(_ logits: Tensor, targets: Tensor, reduction: Reduction = .mean,
                         file: String = #filePath, line: Int = #line) -> Tensor {
    classLoss(.crossEntropy(reduction), logits, targets, file: file, line: line)
}

/// The negative log-likelihood of log-probabilities `logProbs` (`[n, c]` or `[c]`) against class
/// indices: minus the log-probability of each target, reduced by `reduction`.
public func nllLoss(_ logProbs: Tensor, _ targets: [Int], reduction: Reduction = .mean,
                    file: String = #filePath, line: Int = #line) -> Tensor {
    classLoss(.nllLoss(reduction), logProbs, Tensor(classIndices: targets), file: file, line: line)
}

/// The negative log-likelihood of `logProbs` against `targets`, a tensor of class indices held
/// as floats (`[n]`).
public func nllLoss(_ logProbs: Tensor, targets: Tensor, reduction: Reduction = .mean,
                    file: String = #filePath, line: Int = #line) -> Tensor {
    classLoss(.nllLoss(reduction), logProbs, targets, file: file, line: line)
}

/// A loss against class indices (`crossEntropy` or `nllLoss`), checked at the caller's line.
private func classLoss(_ op: Op, _ input: Tensor, _ targets: Tensor, file: String, line: Int) -> Tensor {
    let shape = checked(file: file, line: line) { () throws(ShapeError) in
        let shape = try op.outputShape(for: [input.shape, targets.shape])
        if let bad = targets.withUnsafeBufferPointer({ Op.invalidTarget(in: $0, classes: input.shape.last ?? 1) }) {
            throw Op.outOfBounds(bad)
        }
        return shape
    }
    let out = input.withUnsafeBufferPointer { x in
        targets.withUnsafeBufferPointer { t in
            Tensor.make(shape) { Kernels.forward(op, inputs: [(x, input.shape), (t, targets.shape)], output: $0) }
        }
    }
    return out.recorded(op, input, targets)
}

extension Tensor {
    /// Class indices as a tensor of floats (`[n]`), the form the class-index losses take.
    convenience init(classIndices: [Int]) {
        self.init(uncheckedData: classIndices.map(Float.init), shape: [classIndices.count])
    }
}
