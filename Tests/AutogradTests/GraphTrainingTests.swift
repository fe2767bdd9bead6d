import Autograd
import Foundation
import Testing

/// Training DynamicNet through compiled static graphs (one graph per depth, one shared SGD state)
/// reproduces PyTorch's losses on the golden training case, and our own eager losses.
@Suite struct GraphTrainingTests {
    /// The golden DynamicNet training case and a fresh network loaded with its initial state.
    struct Case {
        let net: DynamicNet
        let x: Tensor, y: Tensor
        let lr: Double, momentum: Double
        let depths: [Int]
        let losses: [Double]
        let relative: Double

        init() throws {
            let file = try GoldenFile(path: GoldenFile.location)
            guard let golden = file.cases.first(where: { $0["op"]?.string == "dynamicnet_sgd" }) else {
                throw GoldenMismatch("no dynamicnet_sgd training case in \(file.path)")
            }
            guard let sizes = try golden.field("sizes").array?.compactMap(\.int), sizes.count == 3,
                  let state = try golden.field("state").object,
                  let depths = try golden.field("depths").array?.compactMap(\.int),
                  let losses = try golden.field("losses").array?.compactMap(\.number),
                  try golden.field("loss").string == "mse_sum" else {
                throw GoldenMismatch("unexpected dynamicnet_sgd case layout")
            }
            net = DynamicNet(sizes[0], sizes[1], sizes[2])
            _ = try net.loadStateDict(StateDict(try state.sorted { $0.key < $1.key }.map { name, value in
                (camelCaseName(name), try value.tensor(name))
            }))
            x = try golden.field("x").tensor("x")
            y = try golden.field("y").tensor("y")
            lr = try golden.field("lr").number ?? 0
            momentum = golden["momentum"]?.number ?? 0
            self.depths = depths
            self.losses = losses
            relative = file.trainingRelative
        }
    }

    /// One compiled training step of `net` at a fixed `depth`: forward, MSE (sum), symbolic
    /// gradients of the parameters the pass uses, and the SGD update — all in one graph.
    static func trainingStep(_ net: DynamicNet, depth: Int, x: [Int], y: [Int], sgd: StaticSGD) throws -> CompiledGraph {
        let g = Graph()
        let input = try g.placeholder("x", shape: x)
        let target = try g.placeholder("y", shape: y)
        func layer(_ name: String, _ l: Linear) -> (GraphValue, GraphValue) {
            (g.variable(l.weight, name: "\(name).weight"), g.variable(l.bias!, name: "\(name).bias"))
        }
        var used: [GraphValue] = []
        let (w1, b1) = layer("inputLayer", net.inputLayer)
        used += [w1, b1]
        var h = try linear(input, w1, b1).relu()
        if depth > 0 {
            let (wh, bh) = layer("hiddenLayer", net.hiddenLayer)
            used += [wh, bh]
            for _ in 0..<depth { h = try linear(h, wh, bh).relu() }
        }
        let (w3, b3) = layer("outputLayer", net.outputLayer)
        used += [w3, b3]
        let loss = try mseLoss(linear(h, w3, b3), target, reduction: .sum).named("loss")
        try sgd.update(used, gradients: g.gradients(of: loss, wrt: used))
        return try g.compile(fetch: [loss])
    }

    @Test func staticTrainingMatchesGoldenLosses() throws {
        let c = try Case()
        let sgd = StaticSGD(lr: c.lr, momentum: c.momentum)
        var steps: [Int: CompiledGraph] = [:]
        for (step, depth) in c.depths.enumerated() {
            if steps[depth] == nil { steps[depth] = try Self.trainingStep(c.net, depth: depth, x: c.x.shape, y: c.y.shape, sgd: sgd) }
            let loss = try steps[depth]!.run(["x": c.x, "y": c.y])[0].item()
            let expected = c.losses[step]
            #expect(Swift.abs(Double(loss) - expected) <= c.relative * Swift.abs(expected),
                    "step \(step) (depth \(depth)): static loss \(loss), PyTorch \(expected)")
        }
    }

    @Test func staticTrainingMatchesEagerTraining() throws {
        let eager = try Case(), graph = try Case()
        let optimizer = SGD(eager.net.parameters(), lr: eager.lr, momentum: eager.momentum)
        let sgd = StaticSGD(lr: graph.lr, momentum: graph.momentum)
        var steps: [Int: CompiledGraph] = [:]
        for (step, depth) in eager.depths.enumerated() {
            eager.net.depth = depth
            optimizer.zeroGrad()
            let eagerLoss = mseLoss(eager.net(eager.x), eager.y, reduction: .sum)
            eagerLoss.backward()
            optimizer.step()
            if steps[depth] == nil { steps[depth] = try Self.trainingStep(graph.net, depth: depth, x: graph.x.shape, y: graph.y.shape, sgd: sgd) }
            let staticLoss = try steps[depth]!.run(["x": graph.x, "y": graph.y])[0].item()
            #expect(Swift.abs(staticLoss - eagerLoss.item()) <= 1e-4 * Swift.abs(eagerLoss.item()), "step \(step)")
        }
        for ((name, a), (_, b)) in zip(eager.net.namedParameters(), graph.net.namedParameters()) {
            let worst = zip(a.data, b.data).map { Swift.abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-5, "\(name) differs by \(worst) after training")
        }
    }
}
