import Autograd
import Testing

/// Each compiler pass on a small graph: node counts before and after, and unchanged results.
@Suite struct GraphPassTests {
    let x = Tensor([[1, -2, 3], [-4, 5, -6]])

    @Test func constantFoldingComputesConstantSubgraphsAtCompileTime() throws {
        let g = Graph()
        let input = try g.placeholder("x", shape: [2, 3])
        let six = try g.constant(2) * g.constant(3)   // mul of two constants
        let out = try input + six
        #expect(g.description == """
            %0 x: [2, 3] = placeholder
            %1 const_1: [] = constant 2.0
            %2 const_2: [] = constant 3.0
            %3 mul_3: [] = mul(%1, %2)
            %4 add_4: [2, 3] = add(%0, %3)
            """)
        let compiled = try g.compile(fetch: [out], passes: [.constantFolding])
        let pass = try #require(compiled.report.result(of: "constant folding"))
        #expect((pass.nodesBefore, pass.nodesAfter) == (5, 3))
        #expect(pass.detail == "folded 1 op into constants, dropped 2 unused constants")
        #expect(try compiled.run(["x": x])[0].data == x.data.map { $0 + 6 })
    }

    @Test func constantPredicateFoldsCondToItsBranchAndDeadCodeDropsTheOther() throws {
        let g = Graph()
        let input = try g.placeholder("x", shape: [2, 3])
        let out = try g.cond(g.constant(1), then: { try input.relu() }, else: { try input.exp() })
        let compiled = try g.compile(fetch: [out], passes: [.constantFolding, .deadCode])
        #expect(compiled.report.result(of: "constant folding")?.detail
                == "folded 0 ops into constants, 1 cond with a constant predicate, dropped 1 unused constant")
        let dead = try #require(compiled.report.result(of: "dead code"))
        #expect((dead.nodesBefore, dead.nodesAfter) == (3, 2))   // x, relu, exp → x, relu
        #expect(try compiled.run(["x": x])[0].data == x.relu().data)
    }

    @Test func commonSubexpressionsAreComputedOnce() throws {
        let g = Graph()
        let input = try g.placeholder("x", shape: [2, 3])
        let out = try input.relu() + input.relu()
        let compiled = try g.compile(fetch: [out], passes: [.commonSubexpressions])
        let pass = try #require(compiled.report.result(of: "common subexpressions"))
        #expect((pass.nodesBefore, pass.nodesAfter) == (4, 3))
        #expect(pass.detail == "merged 1 duplicate")
        #expect(try compiled.run(["x": x])[0].data == (x.relu() * 2).data)
    }

    @Test func deadCodeRemovesWhatNoOutputNeeds() throws {
        let g = Graph()
        let input = try g.placeholder("x", shape: [2, 3])
        _ = try input.exp().sum()
        let out = try input.tanh()
        let compiled = try g.compile(fetch: [out], passes: [.deadCode])
        let pass = try #require(compiled.report.result(of: "dead code"))
        #expect((pass.nodesBefore, pass.nodesAfter) == (4, 2))
        #expect(pass.detail == "removed 2 unused nodes")
    }

    @Test func fusionMergesLinearBiasAndReluIntoOneNode() throws {
        let layer = Linear(3, 4)
        let g = Graph()
        let input = try g.placeholder("x", shape: [2, 3])
        let w = g.variable(layer.weight, name: "weight"), b = g.variable(layer.bias!, name: "bias")
        let out = try (linear(input, w, b).relu() * 2).named("out")
        let compiled = try g.compile(fetch: [out], passes: [.fusion])
        let pass = try #require(compiled.report.result(of: "elementwise fusion"))
        #expect((pass.nodesBefore, pass.nodesAfter) == (6, 4))
        #expect(pass.detail == "fused 1 chain (3 nodes → 1): linear+relu+mul")
        #expect(compiled.description == """
            %0 x: [2, 3] = placeholder
            %1 weight: [4, 3] = variable
            %2 bias: [4] = variable
            %3 out: [2, 4] = fused linear+relu+mul(%0, %1, %2)  → output
            """)
        let expected = (layer(x).relu() * 2).data
        let got = try compiled.run(["x": x])[0].data
        #expect(zip(got, expected).allSatisfy { Swift.abs($0 - $1) <= 1e-6 })
    }

    @Test func fusionKeepsValuesOtherNodesStillRead() throws {
        let g = Graph()
        let input = try g.placeholder("x", shape: [2, 3])
        let h = try input.relu()
        let out = try h.exp() + h          // h has two readers: no fusion through it
        let compiled = try g.compile(fetch: [out], passes: [.fusion])
        #expect(compiled.report.result(of: "elementwise fusion")?.detail == "fused 1 chain (2 nodes → 1): exp+add")
        #expect(try compiled.run(["x": x])[0].data == (x.relu().exp() + x.relu()).data)
    }

    @Test func bufferPlanningReusesBuffersAndKeepsResults() throws {
        let g = Graph()
        let input = try g.placeholder("x", shape: [2, 3])
        var h = input
        for _ in 0..<6 { h = try h.tanh() }
        let out = try h.sum()
        let unplanned = try g.compile(fetch: [out], passes: [])
        let planned = try g.compile(fetch: [out], passes: [.bufferPlanning])
        #expect(unplanned.report.naiveBytes == (6 * 6 + 1) * 4)
        #expect(unplanned.report.plannedBytes == unplanned.report.naiveBytes)
        #expect(planned.report.bufferCount == 2)      // two alternating 6-element buffers; the sum takes one
        #expect(planned.report.plannedBytes == (6 + 6) * 4)
        let a = try unplanned.run(["x": x])[0], b = try planned.run(["x": x])[0], c = try planned.run(["x": x])[0]
        #expect(a.data == b.data && b.data == c.data)
    }

    @Test func reportDescribesEveryPassDeterministically() throws {
        let g = Graph()
        let input = try g.placeholder("x", shape: [2, 3])
        let h = try input.relu() + input.relu()
        let s = try (h * (g.constant(2) * g.constant(3))).softmax(dim: 1)
        let out = try s.tanh().softmax(dim: 0).sum()
        _ = try input.exp()
        let compiled = try g.compile(fetch: [out])
        #expect(compiled.report.description == """
            compile: 13 nodes
              constant folding        13 → 11   folded 1 op into constants, dropped 2 unused constants
              common subexpressions   11 → 10   merged 1 duplicate
              dead code               10 → 9    removed 1 unused node
              elementwise fusion      9 → 7     fused 2 chains (4 nodes → 2): add+mul, softmax+tanh
              memory                  5 values in 2 buffers: 48 bytes planned vs 100 bytes one buffer per node
            """)
        let eager = ((x.relu() + x.relu()) * 6).softmax(dim: 1).tanh().softmax(dim: 0).sum()
        #expect(Swift.abs(try compiled.run(["x": x])[0].item() - eager.item()) <= 1e-6)
    }
}
