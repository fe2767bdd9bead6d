import Testing
import Autograd

@Suite struct NNLayerTests {
    @Test func linearHasPyTorchsLayoutAndInitBounds() {
        let layer = Linear(16, 5)
        #expect(layer.weight.shape == [5, 16] && layer.bias?.shape == [5])
        #expect(layer.inFeatures == 16 && layer.outFeatures == 5)
        #expect(layer.weight.requiresGrad && layer.bias!.requiresGrad)
        let bound: Float = 0.25
        #expect(layer.weight.data.allSatisfy { abs($0) <= bound })
        #expect(layer.bias!.data.allSatisfy { abs($0) <= bound })
        #expect(layer.weight.data.contains { abs($0) > bound / 2 })
    }

    @Test func linearDrawsFromTheGivenGenerator() {
        let a = Linear(3, 2, generator: Generator(seed: 42))
        let b = Linear(3, 2, generator: Generator(seed: 42))
        let c = Linear(3, 2, generator: Generator(seed: 43))
        #expect(a.weight.data == b.weight.data && a.bias!.data == b.bias!.data)
        #expect(a.weight.data != c.weight.data)
    }

    @Test func linearComputesXTimesWeightTransposedPlusBias() {
        let layer = Linear(2, 3)
        layer.weight = Tensor([1, 2, 3, 4, 5, 6], shape: [3, 2], requiresGrad: true)
        layer.bias = Tensor([0.5, -0.5, 1], requiresGrad: true)
        let y = layer(Tensor([1, 1, 2, -1], shape: [2, 2]))
        #expect(y.shape == [2, 3])
        #expect(y.data == [3.5, 6.5, 12, 0.5, 1.5, 5])
    }

    @Test func linearWithoutBias() {
        let layer = Linear(2, 1, bias: false)
        #expect(layer.bias == nil)
        #expect(layer.namedParameters().map(\.name) == ["weight"])
        layer.weight = Tensor([2, 3], shape: [1, 2])
        #expect(layer(Tensor([1, 1], shape: [1, 2])).data == [5])
        #expect(layer.description == "Linear(inFeatures: 2, outFeatures: 1, bias: false)")
    }

    @Test func activationModulesApplyTheirFunctions() {
        let x = Tensor([-2, 0, 0.5, 3])
        #expect(ReLU()(x).data == [0, 0, 0.5, 3])
        #expect(Tanh()(x).data == x.tanh().data)
        #expect(Sigmoid()(x).data == x.sigmoid().data)
        #expect(ReLU().parameters().isEmpty)
    }
}
