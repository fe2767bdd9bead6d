/// A node of the dynamic tape: the op that produced a tensor, its inputs, and how to run it backward.
///
/// Nodes point at their inputs (never at their output), so a graph lives as long as the tensor at
/// its end. Each op's backward rule is written next to its forward in `Ops/`.
public final class GradFn {
    /// Computes the gradients of a node's inputs from the gradient of its output (nil: no gradient).
    typealias Backward = (_ gradOutput: Tensor, _ node: GradFn) -> [Tensor?]

    /// The operation, with its attributes.
    public let op: Op
    /// The tensors the op consumed, in order.
    public let inputs: [Tensor]
    /// The shape of the tensor this node produced.
    public let outputShape: [Int]

    /// The backward rule; nil once the saved values were freed by a backward without `retainGraph`.
    var backward: Backward?
    /// The output values, for rules that need them (exp, sigmoid, softmax, ...); freed with `backward`.
    var savedOutput: [Float]
    /// Integer values saved by the forward pass (e.g. max's indices); freed with `backward`.
    var savedIndices: [Int] = []

    /// Gradient of the output summed so far during one backward pass.
    var pendingGrad: Tensor?
    /// Set while a backward pass sorts the graph.
    var visited = false

    init(op: Op, inputs: [Tensor], outputShape: [Int], savedOutput: [Float], backward: @escaping Backward) {
        self.op = op
        self.inputs = inputs
        self.outputShape = outputShape
        self.savedOutput = savedOutput
        self.backward = backward
    }

    /// The output of the forward pass, rebuilt from the saved values.
    var output: Tensor { Tensor(uncheckedData: savedOutput, shape: outputShape) }

    /// Whether input `i` wants a gradient (its backward work can be skipped otherwise).
    @inline(__always)
    func needsGrad(_ i: Int) -> Bool { inputs[i].requiresGrad }

    /// The op's PyTorch-style name, e.g. `MulBackward`.
    public var name: String { op.name }

    /// Drops what the forward pass saved, as PyTorch does after a backward without `retain_graph`.
    func releaseSaved() {
        guard op.savesTensors else { return }
        backward = nil
        savedOutput = []
        savedIndices = []
    }
}
