import Autograd

/// A whole DynamicNet training step at a fixed depth as one compiled static graph: forward, MSE
/// (sum), symbolic gradients and the SGD-with-momentum update, bound to the network's parameters.
struct StaticStep {
    let compiled: CompiledGraph

    init(_ net: DynamicNet, depth: Int, batch: Int, lr: Double, momentum: Double) throws {
        let g = Graph()
        let x = try g.placeholder("x", shape: [batch, net.inputLayer.inFeatures])
        let y = try g.placeholder("y", shape: [batch, net.outputLayer.outFeatures])
        let parameters = g.variables(net.namedParameters())
        func bound(_ layer: Linear) -> (GraphValue, GraphValue?) {
            (g.variable(layer.weight, name: ""), layer.bias.map { g.variable($0, name: "") })
        }
        let (w1, b1) = bound(net.inputLayer)
        let (w2, b2) = bound(net.hiddenLayer)
        let (w3, b3) = bound(net.outputLayer)
        var h = try linear(x, w1, b1).relu()
        for _ in 0..<depth { h = try linear(h, w2, b2).relu() }
        let loss = try mseLoss(try linear(h, w3, b3), y, reduction: .sum)
        let gradients = try g.gradients(of: loss, wrt: parameters)
        try StaticSGD(lr: lr, momentum: momentum).update(parameters, gradients: gradients)
        compiled = try g.compile(fetch: [loss])
    }

    /// Runs one step and returns the loss computed before the update.
    @discardableResult
    func run(x: Tensor, y: Tensor) throws -> Float {
        try compiled.run(["x": x, "y": y])[0].item()
    }
}
