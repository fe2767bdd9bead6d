import Testing
import Autograd
import Foundation

/// RNNCell's layout, names and initialization; its numbers are checked against PyTorch by the
/// golden cases (`GoldenRecurrentCases`).
@Suite struct RNNCellTests {
    @Test func hasPyTorchsNamesShapesAndInitBounds() {
        let cell = RNNCell(3, 16)
        #expect(cell.namedParameters().map(\.name) == ["weightIH", "weightHH", "biasIH", "biasHH"])
        #expect(cell.namedParameters().map(\.tensor.shape) == [[16, 3], [16, 16], [16], [16]])
        #expect(cell.inputSize == 3 && cell.hiddenSize == 16)
        // PyTorch: U(-1/√hidden, 1/√hidden) for all four, whatever the input size.
        let bound: Float = 0.25
        for (name, tensor) in cell.namedParameters() {
            #expect(tensor.requiresGrad, "\(name)")
            #expect(tensor.data.allSatisfy { abs($0) <= bound }, "\(name)")
        }
        #expect(cell.weightHH.data.contains { abs($0) > bound / 2 })
    }

    @Test func withoutBiasHasOnlyWeights() {
        let cell = RNNCell(2, 2, bias: false)
        #expect(cell.namedParameters().map(\.name) == ["weightIH", "weightHH"])
        #expect(cell.description == "RNNCell(inputSize: 2, hiddenSize: 2, bias: false)")
    }

    @Test func oneStepIsTanhOfBothLinearMaps() {
        let cell = RNNCell(2, 1, generator: Generator(seed: 1))
        cell.weightIH = Tensor([1, 2], shape: [1, 2])
        cell.weightHH = Tensor([3], shape: [1, 1])
        cell.biasIH = Tensor([0.5])
        cell.biasHH = Tensor([-0.25])
        let h = cell(Tensor([1, -1], shape: [1, 2]), Tensor([0.5], shape: [1, 1]))
        #expect(abs(h.item() - Float(1 - 2 + 0.5 + 1.5 - 0.25).tanhValue) < 1e-6)
        // Without a hidden state the cell starts from zeros, as PyTorch's cell(x) does.
        #expect(abs(cell(Tensor([1, -1], shape: [1, 2])).item() - Float(1 - 2 + 0.5 - 0.25).tanhValue) < 1e-6)
    }

    @Test func drawsFromTheGivenGenerator() {
        let a = RNNCell(3, 2, generator: Generator(seed: 42))
        let b = RNNCell(3, 2, generator: Generator(seed: 42))
        #expect(a.stateDict().keys == b.stateDict().keys)
        #expect(zip(a.parameters(), b.parameters()).allSatisfy { $0.data == $1.data })
    }
}

private extension Float {
    var tanhValue: Float { Float(Foundation.tanh(Double(self))) }
}

/// LSTMCell's layout and gate order; its numbers are checked against PyTorch by the golden cases.
@Suite struct LSTMCellTests {
    @Test func hasFourGatesOfRowsInPyTorchsLayout() {
        let cell = LSTMCell(3, 5)
        #expect(cell.namedParameters().map(\.name) == ["weightIH", "weightHH", "biasIH", "biasHH"])
        #expect(cell.namedParameters().map(\.tensor.shape) == [[20, 3], [20, 5], [20], [20]])
        #expect(cell.inputSize == 3 && cell.hiddenSize == 5)
        let bound = 1 / Float(5).squareRoot()
        #expect(cell.parameters().allSatisfy { $0.data.allSatisfy { abs($0) <= bound } })
        #expect(cell.description == "LSTMCell(inputSize: 3, hiddenSize: 5, bias: true)")
    }

    @Test func gatesComeInPyTorchsOrderInputForgetCellOutput() {
        // One unit, no input weight: pre-activations are the biases, one per gate i, f, g, o.
        let cell = LSTMCell(1, 1, bias: true)
        cell.weightIH = Tensor([0, 0, 0, 0], shape: [4, 1])
        cell.weightHH = Tensor([0, 0, 0, 0], shape: [4, 1])
        cell.biasIH = Tensor([1, -1, 0.5, 2])
        cell.biasHH = Tensor([0, 0, 0, 0])
        let (h, c) = cell(Tensor([7], shape: [1, 1]), (h: Tensor([0], shape: [1, 1]), c: Tensor([3], shape: [1, 1])))
        func sigmoid(_ v: Float) -> Float { 1 / (1 + Foundation.exp(-v)) }
        let expectedC = sigmoid(-1) * 3 + sigmoid(1) * Foundation.tanh(0.5)
        #expect(abs(c.item() - expectedC) < 1e-6)
        #expect(abs(h.item() - sigmoid(2) * Foundation.tanh(expectedC)) < 1e-6)
        #expect(abs(cell(Tensor([7], shape: [1, 1])).item() - sigmoid(2) * Foundation.tanh(sigmoid(1) * Foundation.tanh(0.5))) < 1e-6)
    }
}
