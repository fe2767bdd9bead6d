import Autograd

/// The seed article's DynamicNet: an input layer, the one hidden layer applied `depth` times (the
/// depth is chosen per forward pass), and an output layer, with ReLU after each hidden activation.
final class DynamicNet: Module {
    let inputLayer: Linear
    let hiddenLayer: Linear
    let outputLayer: Linear
    /// How many times the next forward pass applies the hidden layer.
    var depth = 0

    init(_ inputSize: Int, _ hiddenSize: Int, _ outputSize: Int) {
        inputLayer = Linear(inputSize, hiddenSize)
        hiddenLayer = Linear(hiddenSize, hiddenSize)
        outputLayer = Linear(hiddenSize, outputSize)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        var h = inputLayer(x).relu()
        for _ in 0..<depth { h = hiddenLayer(h).relu() }
        return outputLayer(h)
    }
}

/// The seed article's SharedNet: three layers in a ModuleDict whose hidden and output weights are
/// tied to the input layer's weight, so all three sizes must agree for the ties to make sense.
final class SharedNet: Module {
    let layers: ModuleDict

    init(_ inputSize: Int, _ hiddenSize: Int, _ outputSize: Int) {
        layers = ["input": Linear(inputSize, hiddenSize), "hidden": Linear(hiddenSize, hiddenSize),
                  "output": Linear(hiddenSize, outputSize)]
        super.init()
    }

    /// Ties the hidden and output weights to the input weight with the checked helper.
    func tieWeights() throws {
        try tie("layers.hidden.weight", to: "layers.input.weight")
        try tie("layers.output.weight", to: "layers.input.weight")
    }

    override func forward(_ x: Tensor) -> Tensor {
        let input = layers["input"]!, hidden = layers["hidden"]!, output = layers["output"]!
        return output(hidden(input(x).relu()).relu())
    }
}

/// PyTorch's attribute names in Swift's spelling: `input_layer.weight` → `inputLayer.weight`.
func camelCaseName(_ name: String) -> String {
    name.split(separator: ".", omittingEmptySubsequences: false).map { component in
        let words = component.split(separator: "_", omittingEmptySubsequences: false)
        return ([String(words[0])] + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() })
            .joined()
    }.joined(separator: ".")
}
