/// One step of an Elman recurrent network, like `torch.nn.RNNCell` with its default `tanh`:
/// `h' = tanh(x @ weightIH^T + biasIH + h @ weightHH^T + biasHH)`.
///
/// The same cell (the same four parameters, see ``RecurrentCell``) is applied at every time step,
/// so a sequence of any length is a loop over it and the gradient of each parameter is the sum over
/// the steps.
public final class RNNCell: RecurrentCell {
    /// A cell from `inputSize` values and a `hiddenSize` state to a new `hiddenSize` state, with
    /// biases unless `bias` is false, drawn from `generator` or the default one.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, generator: Generator? = nil,
                file: String = #filePath, line: Int = #line) {
        super.init(inputSize, hiddenSize, gates: 1, bias: bias, generator: generator, file: file, line: line)
    }

    /// The next hidden state from `input` (`[batch, inputSize]` or `[inputSize]`) and `hidden`
    /// (the same leading shape with `hiddenSize` values), like `cell(x, h)` in PyTorch.
    public func callAsFunction(_ input: Tensor, _ hidden: Tensor, file: String = #filePath,
                               line: Int = #line) -> Tensor {
        withCallSite(file: file, line: line) { preActivations(input, hidden).tanh() }
    }

    /// One step from a zero hidden state, like `cell(x)` in PyTorch.
    public override func forward(_ input: Tensor) -> Tensor {
        preActivations(input, zeroState(for: input)).tanh()
    }
}
