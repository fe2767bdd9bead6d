/// One step of a long short-term memory cell, like `torch.nn.LSTMCell`.
///
/// The pre-activations (see ``RecurrentCell``) hold four gates in PyTorch's order — input `i`,
/// forget `f`, cell `g`, output `o`, `hiddenSize` rows each — and
/// `c' = σ(f) * c + σ(i) * tanh(g)`, `h' = σ(o) * tanh(c')`. The cell state `c` carries gradients
/// across many steps through the forget gate's products, where a plain ``RNNCell`` multiplies them
/// by the recurrent weight and tanh's slope at every step.
public final class LSTMCell: RecurrentCell {
    /// A cell from `inputSize` values and a `hiddenSize` state pair to a new pair, with biases unless
    /// `bias` is false, drawn from `generator` or the default one.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, generator: Generator? = nil,
                file: String = #filePath, line: Int = #line) {
        super.init(inputSize, hiddenSize, gates: 4, bias: bias, generator: generator, file: file, line: line)
    }

    /// The next hidden and cell states from `input` (`[batch, inputSize]` or `[inputSize]`) and the
    /// current pair, like `cell(x, (h, c))` in PyTorch.
    public func callAsFunction(_ input: Tensor, _ state: (h: Tensor, c: Tensor), file: String = #filePath,
                               line: Int = #line) -> (h: Tensor, c: Tensor) {
        withCallSite(file: file, line: line) { step(input, state) }
    }

    /// The next hidden state from a zero state pair (PyTorch's `cell(x)` returns the pair; this
    /// ``Module/forward(_:)`` returns `h`).
    public override func forward(_ input: Tensor) -> Tensor {
        step(input, (zeroState(for: input), zeroState(for: input))).h
    }

    private func step(_ input: Tensor, _ state: (h: Tensor, c: Tensor)) -> (h: Tensor, c: Tensor) {
        let gates = preActivations(input, state.h)
        func gate(_ k: Int) -> Tensor { gates.slice(dim: -1, start: k * hiddenSize, end: (k + 1) * hiddenSize) }
        let c = gate(1).sigmoid() * state.c + gate(0).sigmoid() * gate(2).tanh()
        return (gate(3).sigmoid() * c.tanh(), c)
    }
}
