import Autograd

/// The tutorial's dynamic network: the hidden layer is applied `depth` times, a number drawn anew
/// for every step (PyTorch's `DynamicNet` in `torch_bench.py`, 1000 → 100 → 10).
final class DynamicNet: Module {
    let inputLayer: Linear
    let hiddenLayer: Linear
    let outputLayer: Linear

    init(_ inputs: Int, _ hidden: Int, _ outputs: Int) {
        inputLayer = Linear(inputs, hidden)
        hiddenLayer = Linear(hidden, hidden)
        outputLayer = Linear(hidden, outputs)
        super.init()
    }

    /// The network with `depth` applications of the shared hidden layer.
    func forward(_ x: Tensor, depth: Int) -> Tensor {
        var h = inputLayer(x).relu()
        for _ in 0..<depth { h = hiddenLayer(h).relu() }
        return outputLayer(h)
    }

    override func forward(_ x: Tensor) -> Tensor { forward(x, depth: 2) }
}

/// Three square layers in a ``ModuleDict`` sharing one weight (the input layer's), each keeping
/// its own bias: PyTorch's `SharedNet` in `torch_bench.py`.
final class SharedNet: Module {
    let layers: ModuleDict

    init(_ width: Int) {
        layers = ["input": Linear(width, width), "hidden": Linear(width, width), "output": Linear(width, width)]
        super.init()
        let input = layers["input"] as! Linear
        (layers["hidden"] as! Linear).weight = input.weight
        (layers["output"] as! Linear).weight = input.weight
    }

    override func forward(_ x: Tensor) -> Tensor {
        let h = layers["input"]!(x).relu()
        return layers["output"]!(layers["hidden"]!(h).relu())
    }
}
