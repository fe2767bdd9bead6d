import Testing
import Autograd

/// The seed article's broken SharedNet: its layers have three different shapes, so tying the
/// hidden weight to the input weight cannot work.
private final class MismatchedNet: Module {
    let layers: ModuleDict = ["input": Linear(4, 8), "hidden": Linear(8, 6), "output": Linear(6, 2)]
}

/// A custom module storing its tensor directly, without `assignParameter(named:to:)`.
private final class Scale: Module {
    var factor = Tensor.ones(3, requiresGrad: true)
}

private final class Pair: Module {
    let a = Linear(3, 3)
    let b = Linear(3, 3)
    let scale = Scale()
}

@Suite struct ModuleTieTests {
    @Test func tyingByAssignmentListsTheTensorOnceUnderItsFirstName() {
        let pair = Pair()
        pair.b.weight = pair.a.weight
        #expect(pair.namedParameters().map(\.name) == ["a.weight", "a.bias", "b.bias", "scale.factor"])
        #expect(pair.namedParameters(removeDuplicates: false).map(\.name)
                    == ["a.weight", "a.bias", "b.weight", "b.bias", "scale.factor"])
        #expect(pair.parameters().count == 4)
        #expect(pair.parameterCount == 9 + 3 + 3 + 3)
        #expect(pair.sharedParameters() == [["a.weight", "b.weight"]])
    }

    @Test func tieHelperSharesOneTensor() throws {
        let net = SharedNet(6, 6, 6)
        try net.tieWeights()
        let input = net.layers["input"] as! Linear
        #expect((net.layers["hidden"] as! Linear).weight === input.weight)
        #expect((net.layers["output"] as! Linear).weight === input.weight)
        #expect(net.sharedParameters() == [["layers.input.weight", "layers.hidden.weight", "layers.output.weight"]])
        #expect(net.parameterCount == 36 + 18)
    }

    @Test func tiedWeightGradientIsTheSumOverItsUses() throws {
        let tied = SharedNet(3, 3, 3)
        try tied.tieWeights()
        let untied = SharedNet(3, 3, 3)
        try untied.loadStateDict(tied.stateDict())
        let x = Tensor([0.5, -1, 2, 1, 0.25, -0.5], shape: [2, 3])
        tied(x).sum().backward()
        untied(x).sum().backward()
        let sum = ["input", "hidden", "output"].map { (untied.layers[$0] as! Linear).weight.grad! }
            .reduce(Tensor.zeros(3, 3)) { $0 + $1 }
        let grad = (tied.layers["input"] as! Linear).weight.grad!
        #expect(zip(grad.data, sum.data).allSatisfy { abs($0 - $1) <= 1e-5 })
    }

    @Test func mismatchedShapesFailAtTheTieNamingBothParameters() {
        let net = MismatchedNet()
        let error = #expect(throws: TieError.self) {
            try net.tie("layers.hidden.weight", to: "layers.input.weight")
        }
        #expect(error?.message == "cannot tie layers.hidden.weight [6, 8] to layers.input.weight [8, 4]: shapes differ")
        #expect((net.layers["hidden"] as! Linear).weight.shape == [6, 8])
    }

    @Test func unknownNameIsReported() {
        let pair = Pair()
        let error = #expect(throws: TieError.self) {
            try pair.tie("b.wieght", to: "a.weight")
        }
        #expect(error?.message == "cannot tie b.wieght to a.weight: Pair has no parameter named b.wieght "
                                     + "(its parameters: a.weight, a.bias, b.weight, b.bias, scale.factor)")
    }

    @Test func moduleThatCannotAssignItsTensorSaysSo() {
        let pair = Pair()
        pair.a.bias = Tensor.ones(3)
        let error = #expect(throws: TieError.self) {
            try pair.tie("scale.factor", to: "a.bias")
        }
        #expect(error?.message == "cannot tie scale.factor to a.bias: Scale cannot assign its parameter "
                                     + "factor (override assignParameter(named:to:) in Scale, or assign the property directly)")
    }
}
