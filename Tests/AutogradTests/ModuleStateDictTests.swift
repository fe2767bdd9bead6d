import Testing
import Autograd

@Suite struct ModuleStateDictTests {
    /// A SharedNet with its weights tied.
    private func tiedNet(_ size: Int = 3) throws -> SharedNet {
        let net = SharedNet(size, size, size)
        try net.tieWeights()
        return net
    }

    private func weight(_ net: SharedNet, _ key: String) -> Tensor { (net.layers[key] as! Linear).weight }

    @Test func keepsEveryNameIncludingTiedOnes() throws {
        let net = try tiedNet()
        #expect(net.stateDict().keys == ["layers.input.weight", "layers.input.bias", "layers.hidden.weight",
                                         "layers.hidden.bias", "layers.output.weight", "layers.output.bias"])
    }

    @Test func valuesAreSnapshots() throws {
        let net = try tiedNet()
        let saved = net.stateDict()
        let before = saved["layers.input.weight"]!.data
        let optimizer = SGD(net.parameters(), lr: 0.1)
        weight(net, "input").grad = Tensor.ones(3, 3)
        optimizer.step()
        #expect(saved["layers.input.weight"]!.data == before)
        #expect(weight(net, "input").data != before)
    }

    @Test func loadingCopiesInPlaceAndTiesSurvive() throws {
        let source = try tiedNet()
        let target = try tiedNet()
        let original = weight(target, "input")
        try target.loadStateDict(source.stateDict())
        #expect(weight(target, "input") === original)
        #expect(weight(target, "hidden") === original)
        #expect(original.data == weight(source, "input").data)
        let x = Tensor.ones(2, 3)
        #expect(target(x).data == source(x).data)
    }

    @Test func missingAndUnexpectedKeysAreReportedLikePyTorch() throws {
        let net = try tiedNet()
        var dict = net.stateDict()
        dict["layers.output.bias"] = nil
        dict["layers.extra.weight"] = Tensor.ones(1)
        let error = #expect(throws: StateDictError.self) { try net.loadStateDict(dict) }
        #expect(error?.description == """
            Error(s) in loading state_dict for SharedNet:
            \tMissing key(s) in state_dict: "layers.output.bias".
            \tUnexpected key(s) in state_dict: "layers.extra.weight".
            """)
        #expect(error?.missingKeys == ["layers.output.bias"])
        #expect(error?.unexpectedKeys == ["layers.extra.weight"])
    }

    @Test func nonStrictLoadReportsAndLoadsTheRest() throws {
        let net = try tiedNet()
        var dict = try tiedNet().stateDict()
        dict["layers.input.bias"] = nil
        dict["layers.output.weight"] = nil
        dict["layers.hidden.weight"] = nil
        dict["stray"] = Tensor.ones(2)
        let bias = (net.layers["input"] as! Linear).bias!.data
        let loaded = try net.loadStateDict(dict, strict: false)
        #expect(loaded.missingKeys == ["layers.input.bias", "layers.hidden.weight", "layers.output.weight"])
        #expect(loaded.unexpectedKeys == ["stray"])
        #expect((net.layers["input"] as! Linear).bias!.data == bias)
        #expect(weight(net, "input").data == dict["layers.input.weight"]!.data)
    }

    @Test func sizeMismatchIsReportedEvenWhenNotStrict() throws {
        let net = try tiedNet()
        var dict = net.stateDict()
        dict["layers.input.bias"] = Tensor.ones(5)
        let error = #expect(throws: StateDictError.self) { try net.loadStateDict(dict, strict: false) }
        #expect(error?.description == """
            Error(s) in loading state_dict for SharedNet:
            \tsize mismatch for layers.input.bias: copying a param with shape [5] from checkpoint, the shape in current model is [3].
            """)
    }

    @Test func tiedEntriesThatDisagreeAreRefusedAndNothingIsLoaded() throws {
        let net = try tiedNet()
        var dict = try tiedNet().stateDict()
        dict["layers.output.weight"] = Tensor.zeros(3, 3)
        let before = net.stateDict()
        let error = #expect(throws: StateDictError.self) { try net.loadStateDict(dict) }
        #expect(error?.messages == ["tied parameters layers.input.weight and layers.output.weight are one tensor in "
                                        + "SharedNet but have different values in state_dict (PyTorch would silently "
                                        + "keep the last one)"])
        #expect(net.stateDict().map(\.value.data) == before.map(\.value.data))
    }

    @Test func stateDictLiteralKeepsOrderAndLooksUpByName() {
        var dict: StateDict = ["b": Tensor.ones(1), "a": Tensor.zeros(2)]
        #expect(dict.keys == ["b", "a"])
        dict["c"] = Tensor.ones(3)
        dict["b"] = nil
        #expect(dict.keys == ["a", "c"])
        #expect(dict["c"]?.shape == [3])
        #expect(dict.description == "a: [2]\nc: [3]")
    }
}
