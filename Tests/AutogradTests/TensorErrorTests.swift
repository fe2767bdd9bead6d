import Testing
@testable import Autograd

/// Programmer errors trap with PyTorch's wording and the caller's file:line.
@Suite struct TensorErrorTests {
    /// Shape inference throws the messages the eager ops trap with.
    @Test(arguments: [
        (Op.matmul, [[2, 5], [3, 5]], "mat1 and mat2 shapes cannot be multiplied (2x5 and 3x5)"),
        (.matmul, [[3], [4]], "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively"),
        (.matmul, [[2, 3], [4]], "size mismatch, got input (2), mat (2x3), vec (4)"),
        (.matmul, [[], [3]], "both arguments to matmul need to be at least 1D, but they are 0D and 1D"),
        (.add, [[2, 3], [2, 4]], "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1"),
        (.mul, [[5, 3], [2, 1, 4]], "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 2"),
        (.linear(hasBias: true), [[2, 5], [3, 4], [3]], "mat1 and mat2 shapes cannot be multiplied (2x5 and 4x3)"),
        (.linear(hasBias: true), [[2, 4], [3, 4], [2]], "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1"),
        (.reshape([4, 2]), [[2, 3]], "shape '[4, 2]' is invalid for input of size 6"),
        (.sum(dim: 2, keepdim: false), [[2, 3]], "Dimension out of range (expected to be in range of [-2, 1], but got 2)"),
        (.index(3), [[3, 2]], "index 3 is out of bounds for dimension 0 with size 3"),
        (.index(0), [[]], "invalid index of a 0-dim tensor. Use `tensor.item()` to convert a 0-dim tensor to a number"),
        (.cat(dim: 0), [[2, 3], [2, 4]], "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list."),
        (.cat(dim: 0), [], "cat(): expected a non-empty list of Tensors"),
        (.stack(dim: 0), [[2, 3], [3, 2]], "stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [3, 2] at entry 1"),
        (.mseLoss(.mean), [[3, 1], [3]], "Using a target size ([3]) that is different to the input size ([3, 1]). This would broadcast and give wrong results. Please ensure they have the same size."),
        (.crossEntropy(.mean), [[4, 3], [3]], "Expected input batch_size (4) to match target batch_size (3)."),
        (.nllLoss(.mean), [[2, 3], [2, 1]], "Expected the targets to be one class index per sample, got shape [2, 1]"),
    ] as [(Op, [[Int]], String)])
    func shapeInferenceErrors(op: Op, shapes: [[Int]], message: String) {
        #expect(throws: ShapeError(message)) { try op.outputShape(for: shapes) }
    }

    @Test func aTargetOutsideTheClassesTrapsWithCallerLocation() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = nllLoss(Tensor.zeros(2, 3), [0, 5], file: "Lessons/04-losses.md", line: 9)
        }
        #expect(standardError(result).contains("Lessons/04-losses.md:9: Fatal error: Target 5 is out of bounds."))
    }

    @Test func matmulTrapsWithCallerLocation() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 5).matmul(Tensor.zeros(3, 5), file: "Lessons/02-tensors.md", line: 17)
        }
        let stderr = standardError(result)
        #expect(stderr.contains("Lessons/02-tensors.md:17: Fatal error: mat1 and mat2 shapes cannot be multiplied (2x5 and 3x5)"))
    }

    @Test func shapeErrorInsideAModuleNamesTheCallOfTheModule() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layers = Sequential(Linear(5, 4), Linear(3, 2))
            _ = layers(Tensor.zeros(2, 5), file: "Lessons/05-sharing.md", line: 42)
        }
        let stderr = standardError(result)
        #expect(stderr.contains("Lessons/05-sharing.md:42: Fatal error: mat1 and mat2 shapes cannot be multiplied (2x4 and 3x2)"))
    }

    @Test func broadcastTrapNamesThisFile() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3).add(Tensor.zeros(2, 4))
        }
        let stderr = standardError(result)
        #expect(stderr.contains("TensorErrorTests.swift:"))
        #expect(stderr.contains("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1"))
    }

    @Test func secondBackwardThroughFreedGraphTraps() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor(3, requiresGrad: true)
            let y = x * x
            y.backward()
            y.backward()
        }
        let stderr = standardError(result)
        #expect(stderr.contains("Fatal error: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed)."))
        #expect(stderr.contains("Specify retainGraph: true"))
    }

    @Test func backwardOfANonScalarNeedsAGradient() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            (Tensor([1, 2], requiresGrad: true) * 2).backward()
        }
        let stderr = standardError(result)
        #expect(stderr.contains("grad can be implicitly created only for scalar outputs"))
    }

    @Test func backwardWithoutGradTraps() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor(1).backward()
        }
        let stderr = standardError(result)
        #expect(stderr.contains("element 0 of tensors does not require grad and does not have a gradFn"))
    }

    @Test func itemOfManyElementsTraps() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2]).item()
        }
        let stderr = standardError(result)
        #expect(stderr.contains("a Tensor with 2 elements cannot be converted to Scalar"))
    }

    @Test func indexingAScalarTraps() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(1)[0]
        }
        #expect(standardError(result).contains("Fatal error: invalid index of a 0-dim tensor. Use `tensor.item()`"))
    }

    @Test func badReshapeAndIndexTrap() async {
        let reshape = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3).reshape(4, -1)
        }
        #expect(standardError(reshape).contains("shape '[4, -1]' is invalid for input of size 6"))
        let index = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(3, 2).row(-4)
        }
        #expect(standardError(index).contains("index -4 is out of bounds for dimension 0 with size 3"))
    }
}

/// What an exit test's process wrote to standard error.
func standardError(_ result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}
