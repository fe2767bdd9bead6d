/// A node of the dynamic tape: the op that produced a tensor, its inputs, and how to run it backward.
///
/// Nodes point at their inputs (never at their output), so a graph lives as long as the tensor at
/// its end. Each op's backward rule is written once, for the tape and the static graph alike
/// (`Op.vjp`): it receives the gradient of the node's output and hands each input its gradient.
public final class GradFn {
    /// The operation, with its attributes.
    public let op: Op
    /// The shape of the tensor this node produced.
    public let outputShape: [Int]

    // The mutable stored properties skip run-time exclusivity checks, as `Tensor`'s do (see there).

    // The inputs: the first two inline (most ops have one or two), any others in an array.
    @exclusivity(unchecked) private var first: Tensor?
    @exclusivity(unchecked) private var second: Tensor?
    @exclusivity(unchecked) private var others: [Tensor]
    /// The number of inputs.
    public var inputCount: Int { second == nil ? 1 : 2 + others.count }

    /// Whether a backward without `retainGraph` freed what the op saved (a second backward traps).
    @exclusivity(unchecked) var freed = false
    /// The output values, for rules that need them (exp, softmax, ...).
    @exclusivity(unchecked) var savedOutput: [Float]

    /// Gradient of the output summed so far during one backward pass.
    @exclusivity(unchecked) var pendingGrad: Tensor?
    /// Set while a backward pass sorts the graph.
    @exclusivity(unchecked) var visited = false

    init(op: Op, _ first: Tensor, _ second: Tensor?, others: [Tensor], outputShape: [Int], savedOutput: [Float]) {
        self.op = op
        self.first = first
        self.second = second
        self.others = others
        self.outputShape = outputShape
        self.savedOutput = savedOutput
    }

    /// The tensors the op consumed, in order.
    public var inputs: [Tensor] {
        var result: [Tensor] = []
        result.reserveCapacity(inputCount)
        for i in 0..<inputCount { result.append(input(i)) }
        return result
    }

    /// Input `i`.
    @inline(__always)
    func input(_ i: Int) -> Tensor {
        switch i {
        case 0: return first.unsafelyUnwrapped
        case 1: return second.unsafelyUnwrapped
        default: return others[i - 2]
        }
    }

    /// The output of the forward pass, rebuilt from the saved values.
    var output: Tensor { Tensor(uncheckedData: savedOutput, shape: outputShape) }

    /// Hands input `i` its gradient (evaluated only if that input requires one): added to the
    /// gradient pending at the node that produced it, or accumulated into a leaf's `grad`.
    @inline(__always)
    func pass(_ gradient: @autoclosure () -> Tensor, to i: Int) {
        let target = input(i)
        guard target.requiresGrad else { return }
        let g = gradient()
        if let producer = target.gradFn {
            if let pending = producer.pendingGrad {
                producer.pendingGrad = pending + g
            } else {
                producer.pendingGrad = g
            }
        } else {
            target.accumulate(g)
        }
    }

    /// Hands input `i` the gradient `f(g)`, element by element. When the rule was handed the only
    /// reference to `g`, `g` is overwritten in place: a chain of scalar ops then makes no new tensors.
    func pass<F: UnaryFunction>(_ g: consuming Tensor, mapping f: F, to i: Int) {
        guard input(i).requiresGrad else { return }
        if isKnownUniquelyReferenced(&g) {
            g.withUnsafeMutableBufferPointer { Kernels.map(f, UnsafeBufferPointer($0), $0) }
        } else {
            g = g.map(to: g.shape) { x, out in Kernels.map(f, x, out) }
        }
        pass(g, to: i)
    }

    /// Hands input `i` the gradient `a * b` (summed back to the input's shape), like micrograd's
    /// `self.grad += other.data * out.grad`: a leaf that already holds a gradient of the same shape
    /// adds the product in place, with no temporary tensor.
    func passProduct(_ a: Tensor, _ b: Tensor, to i: Int) {
        let target = input(i)
        guard target.requiresGrad else { return }
        if target.gradFn == nil, let grad = target.grad, a.shape == target.shape, b.shape == target.shape {
            let n = grad.count
            grad.withUnsafeMutableBufferPointer { g in
                a.withUnsafeBufferPointer { x in
                    b.withUnsafeBufferPointer { y in
                        for k in 0..<n { g[k] += x[k] * y[k] }
                    }
                }
            }
            return
        }
        pass((a * b).sumTo(target.shape), to: i)
    }

    /// The op's PyTorch-style name, e.g. `MulBackward`.
    public var name: String { op.name }

    /// Drops what the forward pass saved, as PyTorch does after a backward without `retain_graph`.
    func releaseSaved() {
        guard op.savesTensors else { return }
        freed = true
        savedOutput = []
    }

    /// Frees the graph behind this node without recursion: inputs that die with it hand their own
    /// nodes to a work list instead of releasing them from inside this deinit (a chain of 100 000
    /// ops would otherwise overflow the stack).
    deinit {
        var work: [GradFn] = []
        takeInputs(into: &work)
        while var node = work.popLast() {
            if isKnownUniquelyReferenced(&node) { node.takeInputs(into: &work) }
        }
    }

    /// Moves the nodes of inputs only this node keeps alive into `work`, and drops the inputs.
    private func takeInputs(into work: inout [GradFn]) {
        GradFn.take(&first, into: &work)
        GradFn.take(&second, into: &work)
        guard !others.isEmpty else { return }
        var rest = others
        others = []
        for i in rest.indices where isKnownUniquelyReferenced(&rest[i]) {
            if let node = rest[i].gradFn.take() { work.append(node) }
        }
    }

    /// Empties `slot`; when it held the last reference to a tensor, moves the tensor's node to `work`.
    private static func take(_ slot: inout Tensor?, into work: inout [GradFn]) {
        guard var tensor = slot.take() else { return }
        if isKnownUniquelyReferenced(&tensor), let node = tensor.gradFn.take() { work.append(node) }
    }
}
