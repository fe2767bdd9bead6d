/// One step of an Elman recurrent network, like `torch.nn.RNNCell` with its default `tanh`:
/// `h' = tanh(x @ weightIH^T + biasIH + h @ weightHH^T + biasHH)`.
///
/// The same cell (the same four parameters) is applied at every time step, so a sequence of any
/// length is a loop over it and the gradient of each parameter is the sum over the steps. PyTorch's
/// names map one to one: `weight_ih` is `weightIH` (`[hiddenSize, inputSize]`), `weight_hh` is
/// `weightHH` (`[hiddenSize, hiddenSize]`), `bias_ih` is `biasIH` and `bias_hh` is `biasHH` (both
/// `[hiddenSize]`). All four start as PyTorch initializes them: U(-1/√hiddenSize, 1/√hiddenSize).
public final class RNNCell: Module {
    /// The input-to-hidden weight, shape `[hiddenSize, inputSize]` (PyTorch's `weight_ih`).
    public var weightIH: Tensor
    /// The hidden-to-hidden weight, shape `[hiddenSize, hiddenSize]` (PyTorch's `weight_hh`).
    public var weightHH: Tensor
    /// The input-to-hidden bias, shape `[hiddenSize]`, or nil for `bias: false` (`bias_ih`).
    public var biasIH: Tensor?
    /// The hidden-to-hidden bias, shape `[hiddenSize]`, or nil for `bias: false` (`bias_hh`).
    public var biasHH: Tensor?

    /// The size of each input sample.
    public var inputSize: Int { weightIH.shape[1] }
    /// The size of the hidden state.
    public var hiddenSize: Int { weightIH.shape[0] }

    /// A cell from `inputSize` values and a `hiddenSize` state to a new `hiddenSize` state, with
    /// biases unless `bias` is false, drawn from `generator` or the default one.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, generator: Generator? = nil,
                file: String = #filePath, line: Int = #line) {
        if inputSize < 0 || hiddenSize < 0 {
            programmerError("Trying to create tensor with negative dimension: [\(hiddenSize), \(inputSize)]",
                            file: file, line: line)
        }
        let bound: Float = hiddenSize > 0 ? 1 / Float(hiddenSize).squareRoot() : 0
        func parameter(_ shape: [Int]) -> Tensor { .initialParameter(shape, bound: bound, generator: generator) }
        // PyTorch draws them in this order: weight_ih, weight_hh, bias_ih, bias_hh.
        weightIH = parameter([hiddenSize, inputSize])
        weightHH = parameter([hiddenSize, hiddenSize])
        if bias {
            biasIH = parameter([hiddenSize])
            biasHH = parameter([hiddenSize])
        }
        super.init()
    }

    /// The next hidden state from `input` (`[batch, inputSize]` or `[inputSize]`) and `hidden`
    /// (the same leading shape with `hiddenSize` values), like `cell(x, h)` in PyTorch.
    public func callAsFunction(_ input: Tensor, _ hidden: Tensor, file: String = #filePath,
                               line: Int = #line) -> Tensor {
        withCallSite(file: file, line: line) { step(input, hidden) }
    }

    /// One step from a zero hidden state, like `cell(x)` in PyTorch.
    public override func forward(_ input: Tensor) -> Tensor {
        step(input, Tensor.zeros(Array(input.shape.dropLast()) + [hiddenSize]))
    }

    private func step(_ input: Tensor, _ hidden: Tensor) -> Tensor {
        (linear(input, weightIH, biasIH) + linear(hidden, weightHH, biasHH)).tanh()
    }

    /// Assigns one of the four parameters by its Swift name (for ``Module/tie(_:to:)``).
    public override func assignParameter(named name: String, to tensor: Tensor) -> Bool {
        switch name {
        case "weightIH": weightIH = tensor
        case "weightHH": weightHH = tensor
        case "biasIH": biasIH = tensor
        case "biasHH": biasHH = tensor
        default: return false
        }
        return true
    }

    public override var extraDescription: String {
        "inputSize: \(inputSize), hiddenSize: \(hiddenSize), bias: \(biasIH != nil)"
    }
}
