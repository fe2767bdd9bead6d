/// The parameters that PyTorch's recurrent cells share: an input-to-hidden and a hidden-to-hidden
/// weight with their biases, each with `gates × hiddenSize` rows (1 gate for ``RNNCell``, 4 for
/// ``LSTMCell``), all drawn from U(-1/√hiddenSize, 1/√hiddenSize) as PyTorch draws them.
///
/// PyTorch's names map one to one: `weight_ih` is `weightIH` (`[gates·hidden, input]`), `weight_hh`
/// is `weightHH` (`[gates·hidden, hidden]`), `bias_ih` is `biasIH` and `bias_hh` is `biasHH`.
open class RecurrentCell: Module {
    /// The input-to-hidden weight, shape `[gates·hiddenSize, inputSize]` (PyTorch's `weight_ih`).
    public var weightIH: Tensor
    /// The hidden-to-hidden weight, shape `[gates·hiddenSize, hiddenSize]` (PyTorch's `weight_hh`).
    public var weightHH: Tensor
    /// The input-to-hidden bias, shape `[gates·hiddenSize]`, or nil for `bias: false` (`bias_ih`).
    public var biasIH: Tensor?
    /// The hidden-to-hidden bias, shape `[gates·hiddenSize]`, or nil for `bias: false` (`bias_hh`).
    public var biasHH: Tensor?

    /// The size of each input sample.
    public var inputSize: Int { weightIH.shape[1] }
    /// The size of the hidden state.
    public var hiddenSize: Int { weightHH.shape[1] }

    /// The four parameters for `gates` gates, drawn in PyTorch's order (weight_ih, weight_hh,
    /// bias_ih, bias_hh) from `generator` or the default one.
    public init(_ inputSize: Int, _ hiddenSize: Int, gates: Int, bias: Bool, generator: Generator?,
                file: String, line: Int) {
        if inputSize < 0 || hiddenSize < 0 {
            programmerError("Trying to create tensor with negative dimension: [\(gates * hiddenSize), \(inputSize)]",
                            file: file, line: line)
        }
        let bound: Float = hiddenSize > 0 ? 1 / Float(hiddenSize).squareRoot() : 0
        func parameter(_ shape: [Int]) -> Tensor { .initialParameter(shape, bound: bound, generator: generator) }
        weightIH = parameter([gates * hiddenSize, inputSize])
        weightHH = parameter([gates * hiddenSize, hiddenSize])
        if bias {
            biasIH = parameter([gates * hiddenSize])
            biasHH = parameter([gates * hiddenSize])
        }
        super.init()
    }

    /// `input @ weightIH^T + biasIH + hidden @ weightHH^T + biasHH`: every gate's pre-activation.
    func preActivations(_ input: Tensor, _ hidden: Tensor) -> Tensor {
        linear(input, weightIH, biasIH) + linear(hidden, weightHH, biasHH)
    }

    /// A zero hidden state for `input` (`[batch, inputSize]` or `[inputSize]`).
    func zeroState(for input: Tensor) -> Tensor {
        Tensor.zeros(Array(input.shape.dropLast()) + [hiddenSize])
    }

    /// Assigns one of the four parameters by its Swift name (for ``Module/tie(_:to:)``).
    open override func assignParameter(named name: String, to tensor: Tensor) -> Bool {
        switch name {
        case "weightIH": weightIH = tensor
        case "weightHH": weightHH = tensor
        case "biasIH": biasIH = tensor
        case "biasHH": biasHH = tensor
        default: return false
        }
        return true
    }

    open override var extraDescription: String {
        "inputSize: \(inputSize), hiddenSize: \(hiddenSize), bias: \(biasIH != nil)"
    }
}
