@testable import Autograd
import Foundation
import Testing

/// Tracing eager code into a static graph: replay, and the values a trace freezes, with lines.
@Suite struct TraceTests {
    let here: String = {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let file = #filePath
        return file.hasPrefix(cwd) ? String(file.dropFirst(cwd.count)) : file
    }()

    @Test func traceReplaysTheRecordedOpsOnNewInputs() throws {
        let layer = Linear(4, 3, generator: Generator(seed: 1))
        let x = Tensor.randn([2, 4], generator: Generator(seed: 2))
        let traced = try trace(x, parameters: layer.namedParameters()) { input in
            layer(input).tanh().sum(dim: 1)
        }
        #expect(traced.opCount == 3)
        #expect(traced.warnings.isEmpty)
        let other = Tensor.randn([2, 4], generator: Generator(seed: 3))
        let replayed = try traced(other)
        let eager = layer(other).tanh().sum(dim: 1)
        #expect(zip(replayed.data, eager.data).allSatisfy { Swift.abs($0 - $1) <= 1e-6 })
        // Parameters are variables: the replay sees their current values.
        let bias = try #require(layer.bias)
        let after = try trace(x, parameters: layer.namedParameters()) { input in layer(input) }
        let names = after.graph.nodes.compactMap { node -> String? in
            if case .variable = node.kind { return node.name } else { return nil }
        }
        #expect(names == ["weight", "bias"])
        #expect(after.graph.nodes.contains { if case .variable(let t) = $0.kind { return t === bias } else { return false } })
    }

    @Test func randomDepthIsFrozenAndReportedWithItsLine() throws {
        let net = DynamicNet(4, 5, 2)
        let x = Tensor.randn([3, 4], generator: Generator(seed: 5))
        let generator = Generator(seed: 11)
        var drawLine = 0
        let traced = try trace(x, parameters: net.namedParameters()) { input in
            let depth = Tensor.randint(0, 4, generator: generator); drawLine = #line
            net.depth = depth
            return net(input)
        }
        let frozen = net.depth
        #expect(traced.warnings.map(\.description) == ["depth fixed at \(frozen): random draw at \(here):\(drawLine)"])
        #expect(traced.opCount == 2 + 2 * frozen + 1)

        let other = Tensor.randn([3, 4], generator: Generator(seed: 6))
        net.depth = frozen
        let expected = net(other)
        let replayed = try traced(other)
        #expect(zip(replayed.data, expected.data).allSatisfy { Swift.abs($0 - $1) <= 1e-6 })

        // Re-tracing until the draw differs shows where the recordings part ways.
        var check = try traced.check(with: ["x": other])
        while check.agrees { check = try traced.check(with: ["x": other]) }
        #expect(check.changedValues.count == 1)
        #expect(check.changedValues[0].hasPrefix("depth at \(here):\(drawLine) was \(frozen), now "))
        #expect(check.description.hasPrefix("traces differ (\(traced.opCount) ops vs "))
        #expect(check.differences.first?.hasPrefix("op \(3 + 2 * min(frozen, net.depth)): first trace ") == true)
    }

    @Test func readingATensorIntoSwiftFreezesTheBranch() throws {
        let positive = Tensor([[1, 2, -0.5]])
        let negative = Tensor([[-1, -2, 0.5]])
        var readLine = 0
        let traced = try trace(positive) { input in
            let total = input.sum().item(); readLine = #line
            return total > 0 ? input.relu() : input.exp()
        }
        #expect(traced.warnings.map(\.description) == ["total fixed at 2.5000: value read from a tensor at \(here):\(readLine)"])
        // The replay keeps the branch taken while tracing, whatever the new input says.
        #expect(try traced(negative).data == negative.relu().data)

        let same = try traced.check(with: ["x": Tensor([[3, 0, 1]])])
        #expect(same.agrees)
        #expect(same.description == "traces agree: 2 ops")
        let other = try traced.check(with: ["x": negative])
        #expect(other.description == """
            traces differ (2 ops vs 2) at 1 op:
              op 2: first trace relu of [1, 3] → [1, 3]; second trace exp of [1, 3] → [1, 3]
            frozen values that changed:
              total at \(here):\(readLine) was 2.5000, now -2.5000
            """)
    }

    @Test func readsWithoutABindingAreNamedByTheirNode() throws {
        var readLine = 0
        let traced = try trace(Tensor([1, 2])) { input in
            if input.mean().item() > 0 { readLine = #line; return input * 2 }
            return input
        }
        #expect(traced.warnings.map(\.description) == ["item() of 'mean_1' fixed at 1.5000: value read from a tensor at \(here):\(readLine)"])
    }

    @Test func comparisonsTurnedIntoBoolAreFrozenToo() throws {
        var readLine = 0
        let traced = try trace(Tensor([1, 2])) { input in
            let deep = Bool(input.sum().gt(0)); readLine = #line
            return deep ? input.tanh() : input
        }
        #expect(traced.warnings.map(\.description) == ["deep fixed at 1.0000: value read from a tensor at \(here):\(readLine)"])
        #expect(traced.opCount == 3)   // sum, gt, tanh
    }
}
