// The criterion forms of the loss functions, as PyTorch's `nn.MSELoss()`, `nn.CrossEntropyLoss()`
// and `nn.NLLLoss()`: make one, then call it on a prediction and a target.
//
// ```swift
// let criterion = MSELoss(reduction: .sum)
// let loss = criterion(model(x), y)
// ```
// They hold no parameters, so they are values rather than ``Module``s; each call records the same
// op as the free function (``mseLoss(_:_:reduction:file:line:)`` and friends).

/// Mean squared error between a prediction and a target of the same shape, like `nn.MSELoss`.
public struct MSELoss {
    /// How the squared errors are combined (mean by default, as in PyTorch).
    public var reduction: Reduction

    /// A criterion reducing with `reduction`.
    public init(reduction: Reduction = .mean) {
        self.reduction = reduction
    }

    /// The loss of `input` against `target`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor,
                               file: String = #filePath, line: Int = #line) -> Tensor {
        mseLoss(input, target, reduction: reduction, file: file, line: line)
    }
}

/// Cross-entropy of logits `[n, c]` (or `[c]`) against class indices, like `nn.CrossEntropyLoss`:
/// log-softmax over the classes followed by the negative log-likelihood.
public struct CrossEntropyLoss {
    /// How the per-sample losses are combined (mean by default, as in PyTorch).
    public var reduction: Reduction

    /// A criterion reducing with `reduction`.
    public init(reduction: Reduction = .mean) {
        self.reduction = reduction
    }

    /// The loss of `logits` against the class indices `targets`.
    public func callAsFunction(_ logits: Tensor, _ targets: [Int],
                               file: String = #filePath, line: Int = #line) -> Tensor {
        crossEntropy(logits, targets, reduction: reduction, file: file, line: line)
    }
}

/// Negative log-likelihood of log-probabilities `[n, c]` (or `[c]`) against class indices, like
/// `nn.NLLLoss`; feed it `logSoftmax(dim:)` outputs.
public struct NLLLoss {
    /// How the per-sample losses are combined (mean by default, as in PyTorch).
    public var reduction: Reduction

    /// A criterion reducing with `reduction`.
    public init(reduction: Reduction = .mean) {
        self.reduction = reduction
    }

    /// The loss of `logProbs` against the class indices `targets`.
    public func callAsFunction(_ logProbs: Tensor, _ targets: [Int],
                               file: String = #filePath, line: Int = #line) -> Tensor {
        nllLoss(logProbs, targets, reduction: reduction, file: file, line: line)
    }
}
