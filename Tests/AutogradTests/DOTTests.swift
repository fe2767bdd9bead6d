@testable import Autograd
import Foundation
import Testing

/// Graphviz export of eager and static graphs: content, determinism, and `dot -Tsvg` accepting it.
@Suite struct DOTTests {
    /// Runs Graphviz's `dot -Tsvg` on `text`; returns its exit status and standard error.
    func renderWithGraphviz(_ text: String) throws -> (status: Int32, errors: String) {
        let dot = try #require(["/usr/bin/dot", "/usr/local/bin/dot", "/opt/homebrew/bin/dot"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }, "Graphviz `dot` is not installed (make deps)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dot)
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
        return (process.terminationStatus, message)
    }

    func dynamicNetOutput(depth: Int) -> (DynamicNet, Tensor) {
        let net = DynamicNet(4, 5, 2)
        net.depth = depth
        let x = Tensor.randn([3, 4], generator: Generator(seed: 1))
        return (net, net(x))
    }

    @Test func sideBySideDrawsEachGraphInItsOwnLabelledCluster() throws {
        let w = Tensor.randn(3, 3, requiresGrad: true)
        let short = (w * w).sum(), long = ((w * w).tanh() * w).sum()
        let text = Tensor.dot(sideBySide: [("short", short), ("long", long)], params: [("w", w)])
        #expect(text.contains("subgraph cluster_g0 {") && text.contains("subgraph cluster_g1 {"))
        #expect(text.contains("label=\"short\"") && text.contains("label=\"long\""))
        // Each graph is the single picture with its ids prefixed: same nodes, same edges.
        for (index, root) in [short, long].enumerated() {
            let alone = root.dot(params: [("w", w)]).split(separator: "\n").filter { $0.contains("->") || $0.contains("[label") }
            for line in alone {
                let prefixed = line.replacingOccurrences(of: "out", with: "g\(index)_out")
                    .replacingOccurrences(of: "op", with: "g\(index)_op").replacingOccurrences(of: "leaf", with: "g\(index)_leaf")
                    .replacingOccurrences(of: "label=\"g\(index)_out", with: "label=\"out")
                #expect(text.contains(prefixed.trimmingCharacters(in: .whitespaces)), "\(prefixed)")
            }
        }
        #expect(try renderWithGraphviz(text).status == 0)
    }

    @Test func eagerGraphNamesParametersAndDrawsASharedLayerOnce() throws {
        let (net, out) = dynamicNetOutput(depth: 3)
        let text = out.dot(params: net.namedParameters())
        #expect(text.contains(#"label="hiddenLayer.weight\n[5, 5]\nused ×3""#))
        #expect(text.contains(#"label="hiddenLayer.bias\n[5]\nused ×3""#))
        #expect(text.contains(#"label="inputLayer.weight\n[5, 4]""#))
        #expect(text.components(separatedBy: "hiddenLayer.weight").count == 2)   // one node
        #expect(text.components(separatedBy: "AddmmBackward").count == 6)        // 5 linear layers
        #expect(text.components(separatedBy: "ReluBackward").count == 5)
        let status = try renderWithGraphviz(text)
        #expect(status.status == 0, "dot: \(status.errors)")
    }

    @Test func eagerGraphTextIsDeterministic() throws {
        let (netA, a) = dynamicNetOutput(depth: 2)
        let (netB, b) = dynamicNetOutput(depth: 2)
        #expect(a.dot(params: netA.namedParameters()) == b.dot(params: netB.namedParameters()))
        #expect(!a.dot().contains("0x"))
        let lossText = mseLoss(a, Tensor.zeros(3, 2)).dot(params: netA.namedParameters(), showConstants: true)
        #expect(lossText.contains(#"label="constant\n[3, 2]""#))
        #expect(lossText.contains("MseLossBackward"))
    }

    @Test func staticGraphBeforeAndAfterCompileGroupsFusedNodes() throws {
        let net = DynamicNet(4, 5, 2)
        let g = Graph()
        let x = try g.placeholder("x", shape: [3, 4])
        let y = try g.placeholder("y", shape: [3, 2])
        let p = Dictionary(uniqueKeysWithValues: net.namedParameters().map { ($0.name, g.variable($0.tensor, name: $0.name)) })
        var h = try linear(x, p["inputLayer.weight"]!, p["inputLayer.bias"]).relu()
        h = try linear(h, p["hiddenLayer.weight"]!, p["hiddenLayer.bias"]).relu()
        let loss = try mseLoss(linear(h, p["outputLayer.weight"]!, p["outputLayer.bias"]), y, reduction: .sum)
        let params = net.namedParameters().map { p[$0.name]! }
        try StaticSGD(lr: 0.01, momentum: 0.9).update(params, gradients: g.gradients(of: loss, wrt: params))

        let before = g.dot(fetch: [loss])
        #expect(!before.contains("cluster"))
        #expect(before.contains(#"label="x\n[3, 4]""#))
        #expect(before.contains(#"label="update""#))
        #expect(before.contains(#"label="applySGD(lr: 0.01, momentum: 0.9)""#))
        let compiled = try g.compile(fetch: [loss])
        let after = compiled.dot()
        #expect(after.contains(#"label="fused: linear+relu""#))
        #expect(after.components(separatedBy: "subgraph cluster_").count - 1
                == compiled.nodes.filter { if case .op(.fused) = $0.kind { return true } else { return false } }.count)
        #expect(after == (try g.compile(fetch: [loss])).dot())
        for text in [before, after] {
            let status = try renderWithGraphviz(text)
            #expect(status.status == 0, "dot: \(status.errors)")
        }
    }
}
