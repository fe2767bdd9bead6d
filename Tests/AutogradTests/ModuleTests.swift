import Testing
@testable import Autograd

/// A module exercising every kind of member reflection finds, and some it must ignore.
private class Base: Module {
    let scale = Tensor([2], shape: [1], requiresGrad: true)
}

private final class Everything: Base {
    var weight = Tensor.ones(2, 3, requiresGrad: true)
    var maybe: Tensor? = Tensor.zeros(3)
    var absent: Tensor?
    let encoder = Linear(3, 2)
    var decoder: Linear? = Linear(2, 3)
    var missingLayer: Linear?
    let blocks = ModuleList([Linear(2, 2)])
    let heads: ModuleDict = ["left": Linear(2, 1)]
    let steps = 3
    let plainArray = [Linear(1, 1)]
    lazy var late = Tensor.ones(1)
}

@Suite struct ModuleTests {
    @Test func findsParametersBeforeChildrenInDeclarationOrder() {
        let model = Everything()
        #expect(model.namedParameters().map(\.name) == [
            "scale", "weight", "maybe",
            "encoder.weight", "encoder.bias", "decoder.weight", "decoder.bias",
            "blocks.0.weight", "blocks.0.bias", "heads.left.weight", "heads.left.bias",
        ])
        #expect(model.namedChildren().map(\.name) == ["encoder", "decoder", "blocks", "heads"])
    }

    @Test func lazyPropertyAppearsOnceTouched() {
        let model = Everything()
        #expect(!model.namedParameters().map(\.name).contains("late"))
        _ = model.late
        #expect(model.namedParameters().map(\.name).contains("late"))
    }

    @Test func parametersAreTheStoredTensors() {
        let model = Everything()
        let parameters = model.parameters()
        #expect(parameters.first === model.scale)
        #expect(parameters.contains { $0 === model.encoder.weight })
        #expect(!parameters.contains { $0 === model.plainArray[0].weight })
    }

    @Test func frozenTensorIsStillAParameter() {
        let layer = Linear(2, 2)
        layer.bias!.requiresGrad = false
        #expect(layer.namedParameters().map(\.name) == ["weight", "bias"])
        #expect(layer.parameterCount == 6)
    }

    @Test func namedModulesListsEachModuleOncePreOrder() {
        let shared = Linear(2, 2)
        let model = Sequential(shared, ReLU(), shared)
        #expect(model.namedModules().map(\.name) == ["", "0", "1"])
        #expect(model.namedModules().map(\.module)[1] === shared)
        #expect(model.module(at: "1") is ReLU)
        #expect(model.module(at: "7") == nil)
        #expect(model.module(at: "") === model)
    }

    @Test func sharedModuleCountsItsParametersOnce() {
        let shared = Linear(2, 2)
        let model = Sequential(shared, ReLU(), shared)
        #expect(model.namedParameters().map(\.name) == ["0.weight", "0.bias"])
        #expect(model.namedParameters(removeDuplicates: false).map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
        #expect(model.parameterCount == 6)
        #expect(model.sharedParameters() == [["0.weight", "2.weight"], ["0.bias", "2.bias"]])
    }

    @Test func zeroGradClearsEveryGradient() {
        let model = DynamicNet(2, 3, 1)
        model.depth = 1
        model(Tensor.ones(4, 2)).sum().backward()
        #expect(model.parameters().allSatisfy { $0.grad != nil })
        model.zeroGrad()
        #expect(model.parameters().allSatisfy { $0.grad == nil })
    }

    @Test func trainAndEvalReachEveryModule() {
        let model = Everything()
        #expect(model.namedModules().allSatisfy { $0.module.isTraining })
        model.eval()
        #expect(model.namedModules().allSatisfy { !$0.module.isTraining })
        model.train()
        #expect(model.blocks[0].isTraining)
    }

    @Test func descriptionPrintsTheTreeLikePyTorch() {
        let model = Sequential(Linear(4, 8), ReLU(), ModuleDict([("out", Linear(8, 2, bias: false))]))
        #expect(model.description == """
            Sequential(
              (0): Linear(inFeatures: 4, outFeatures: 8, bias: true)
              (1): ReLU()
              (2): ModuleDict(
                (out): Linear(inFeatures: 8, outFeatures: 2, bias: false)
              )
            )
            """)
    }

    @Test func subclassWithoutForwardStopsWithAClearMessage() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ModuleList()(Tensor.ones(1))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("ModuleList does not override forward(_:)"))
    }
}
