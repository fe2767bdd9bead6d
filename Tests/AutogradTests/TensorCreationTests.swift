import Testing
@testable import Autograd

@Suite struct TensorCreationTests {
    @Test func initializersSetShapes() {
        #expect(Tensor(3.5).shape == [])
        #expect(Tensor([1, 2, 3]).shape == [3])
        #expect(Tensor([[1, 2, 3], [4, 5, 6]]).shape == [2, 3])
        let t = Tensor([1, 2, 3, 4, 5, 6], shape: [3, 2], requiresGrad: true)
        #expect(t.count == 6 && t.rank == 2 && t.requiresGrad && t.isLeaf && t.grad == nil)
    }

    @Test func constantsAndRanges() {
        #expect(Tensor.zeros(2, 3).data == [Float](repeating: 0, count: 6))
        #expect(Tensor.ones([4]).data == [1, 1, 1, 1])
        #expect(Tensor.full([2, 2], value: 7).data == [7, 7, 7, 7])
        #expect(Tensor.zeros(2, requiresGrad: true).requiresGrad)
        #expect(Tensor.arange(5).data == [0, 1, 2, 3, 4])
        #expect(Tensor.arange(from: 0, to: 1, step: 0.25).data == [0, 0.25, 0.5, 0.75])
        #expect(Tensor.arange(from: 3, to: 0, step: -1).data == [3, 2, 1])
        #expect(Tensor.linspace(0, 1, count: 5).data == [0, 0.25, 0.5, 0.75, 1])
        #expect(Tensor.linspace(-1, 1, count: 3).data == [-1, 0, 1])
        #expect(Tensor.linspace(2, 2, count: 1).data == [2])
    }

    /// SplitMix64's published reference outputs for seed 0.
    @Test func generatorMatchesSplitMix64Reference() {
        let g = Generator(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(g.next() == 0x06C4_5D18_8009_454F)
    }

    /// With an explicit generator: other tests draw from the shared default one in parallel.
    @Test func seededDrawsAreFixed() {
        let seeded = Generator(seed: 42)
        #expect(Tensor.rand(2, 3, generator: seeded).data == [0.74156487, 0.15991038, 0.2786011, 0.34419066, 0.038030148, 0.868228])
        #expect(Tensor.randn(5, generator: seeded).data == [0.21958637, -0.66679794, -0.6703715, -0.6175954, -0.676528])
        #expect((0..<3).map { _ in Tensor.randint(0, 10, generator: seeded) } + [Tensor.randint(-3, 3, generator: seeded)] == [8, 5, 6, -1])
        let g = Generator(seed: 7)
        #expect(Tensor.uniform([4], low: -1, high: 1, generator: g).data == [-0.22034061, -0.9664235, 0.8015213, 0.16586053])
    }

    @Test func drawsStayInRange() {
        let g = Generator(seed: 5)
        let u = Tensor.uniform([1000], low: -2, high: 3, generator: g)
        #expect(u.data.allSatisfy { $0 >= -2 && $0 < 3 })
        let r = Tensor.rand(1000, generator: g)
        #expect(r.data.allSatisfy { $0 >= 0 && $0 < 1 })
        var seen = Set<Int>()
        for _ in 0..<500 { seen.insert(Tensor.randint(2, 6, generator: g)) }
        #expect(seen == [2, 3, 4, 5])
        let n = Tensor.randn(10_000, generator: g)
        let mean = n.data.reduce(0, +) / 10_000
        let variance = n.data.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 10_000
        #expect(abs(mean) < 0.05 && abs(variance - 1) < 0.05)
    }

    @Test func randomDrawsAndReadsNotifyTheObserver() {
        let observer = RecordingObserver()
        TapeState.current.observer = observer
        defer { TapeState.current.observer = nil }
        let depth = Tensor.randint(0, 3, generator: Generator(seed: 1), file: "Lessons/04.md", line: 31)
        let x = Tensor([2, 3], requiresGrad: true)
        let value = (x * x).sum().item(file: "Lessons/04.md", line: 40)
        #expect(value == 13)
        #expect(observer.draws == ["randint(0, 3) = \(depth) at Lessons/04.md:31"])
        #expect(observer.reads == ["13.0000 at Lessons/04.md:40"])
        #expect(observer.ops == ["mul", "sum"])
    }

    @Test func numberConversionsReadThroughItem() {
        let observer = RecordingObserver()
        TapeState.current.observer = observer
        defer { TapeState.current.observer = nil }
        let t = Tensor([2.75])
        #expect(Float(t) == 2.75 && Int(t) == 2 && Bool(t) && !Bool(Tensor(0)))
        #expect(observer.reads.count == 4)
    }
}

/// Records what the tape reports.
final class RecordingObserver: TapeObserver {
    var ops: [String] = []
    var reads: [String] = []
    var draws: [String] = []
    func didRecord(_ op: Op, inputs: [Tensor], output: Tensor) { ops.append(op.label) }
    func didRead(_ tensor: Tensor, value: String, file: String, line: Int) { reads.append("\(value) at \(file):\(line)") }
    func didDraw(_ what: String, value: String, file: String, line: Int) { draws.append("\(what) = \(value) at \(file):\(line)") }
}
