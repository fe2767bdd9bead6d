import Testing
@testable import Autograd

/// Printing follows PyTorch's layout with a fixed 4-decimal format.
@Suite struct TensorDescriptionTests {
    @Test func scalarsVectorsAndMatrices() {
        #expect(Tensor(3.5).description == "tensor(3.5000)")
        #expect(Tensor(-0.00001).description == "tensor(-0.0000)")
        #expect(Tensor([1.5, 2]).description == "tensor([1.5000, 2.0000])")
        #expect(Tensor([[0.1234, -1], [2, 3]]).description == """
            tensor([[ 0.1234, -1.0000],
                    [ 2.0000,  3.0000]])
            """)
        #expect(Tensor([[100, 1], [2, 3]]).description == """
            tensor([[100.0000,   1.0000],
                    [  2.0000,   3.0000]])
            """)
    }

    @Test func gradSuffixes() {
        let a = Tensor([1.5, 2], requiresGrad: true)
        #expect(a.description == "tensor([1.5000, 2.0000], requiresGrad: true)")
        #expect((a * 2).description == "tensor([3.0000, 4.0000], gradFn: <MulBackward>)")
        #expect((a * 2).sum().description == "tensor(7.0000, gradFn: <SumBackward>)")
        #expect(withNoGrad { a * 2 }.description == "tensor([3.0000, 4.0000])")
    }

    @Test func threeDimensionsSeparateBlocksWithABlankLine() {
        let t = Tensor((0..<8).map { Float($0) + 0.5 }, shape: [2, 2, 2])
        #expect(t.description == """
            tensor([[[0.5000, 1.5000],
                     [2.5000, 3.5000]],

                    [[4.5000, 5.5000],
                     [6.5000, 7.5000]]])
            """)
    }

    @Test func longRowsWrapAt80Columns() {
        let t = Tensor((0..<20).map { Float($0) + 0.5 })
        #expect(t.description == """
            tensor([ 0.5000,  1.5000,  2.5000,  3.5000,  4.5000,  5.5000,  6.5000,  7.5000,
                     8.5000,  9.5000, 10.5000, 11.5000, 12.5000, 13.5000, 14.5000, 15.5000,
                    16.5000, 17.5000, 18.5000, 19.5000])
            """)
        let long = Tensor((0..<20).map { Float($0) + 0.5 }, requiresGrad: true) * 2
        #expect(long.description.hasSuffix("39.0000], gradFn: <MulBackward>)"))
    }

    @Test func largeTensorsAreSummarized() {
        #expect(Tensor((0..<2000).map { Float($0) + 0.5 }).description == """
            tensor([   0.5000,    1.5000,    2.5000,  ..., 1997.5000, 1998.5000,
                    1999.5000])
            """)
        let rows = Tensor.zeros(40, 40).description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.count == 7)
        #expect(rows[0] == "tensor([[0.0000, 0.0000, 0.0000,  ..., 0.0000, 0.0000, 0.0000],")
        #expect(rows[3] == "        ...,")
    }

    @Test func specialValuesAndEmptyTensors() {
        #expect(Tensor([Float.nan, .infinity, -.infinity]).description == "tensor([ nan,  inf, -inf])")
        #expect(Tensor.zeros(0).description == "tensor([])")
        #expect(Tensor.zeros(0, 3).description == "tensor([], size: [0, 3])")
    }
}
