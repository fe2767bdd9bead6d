import Testing
@testable import Autograd

@Suite struct NNContainerTests {
    @Test func moduleListGrowsAndShrinksWhileRunning() {
        let list = ModuleList()
        let (a, b, c) = (Linear(2, 2), Linear(2, 2), Linear(2, 2, bias: false))
        list.append(a)
        list.append(c)
        list.insert(b, at: 1)
        #expect(list.count == 3)
        #expect(list.map { ObjectIdentifier($0) } == [a, b, c].map { ObjectIdentifier($0) })
        #expect(list.namedParameters().map(\.name) == ["0.weight", "0.bias", "1.weight", "1.bias", "2.weight"])
        #expect(list.remove(at: 0) === a)
        #expect(list.namedParameters().map(\.name) == ["0.weight", "0.bias", "1.weight"])
        list[1] = a
        #expect(list[1] === a)
        list.append(contentsOf: [ReLU(), Tanh()])
        #expect(list.namedChildren().map(\.name) == ["0", "1", "2", "3"])
    }

    @Test func moduleListInsideAModuleIsFound() {
        final class Stack: Module {
            let hidden = ModuleList()
        }
        let stack = Stack()
        #expect(stack.parameters().isEmpty)
        stack.hidden.append(Linear(3, 3))
        #expect(stack.namedParameters().map(\.name) == ["hidden.0.weight", "hidden.0.bias"])
    }

    @Test func moduleDictKeepsInsertionOrder() {
        let dict: ModuleDict = ["input": Linear(2, 3), "output": Linear(3, 1)]
        dict["hidden"] = Linear(3, 3)
        #expect(dict.keys == ["input", "output", "hidden"])
        let replacement = Linear(2, 3)
        dict["input"] = replacement
        #expect(dict.keys == ["input", "output", "hidden"])
        #expect(dict["input"] === replacement)
        #expect(dict.remove("output") is Linear)
        #expect(dict.remove("output") == nil)
        dict["hidden"] = nil
        #expect(dict.keys == ["input"])
        #expect(dict.contains(key: "input") && !dict.contains(key: "hidden"))
        #expect(dict.values.count == 1 && dict.count == 1)
        #expect(dict.map(\.key) == ["input"])
        #expect(dict.namedParameters().map(\.name) == ["input.weight", "input.bias"])
    }

    @Test func badModuleDictKeysGetPyTorchsMessages() {
        #expect(ModuleDict.problem(withKey: "a.b") == "module name can't contain \".\", got: a.b")
        #expect(ModuleDict.problem(withKey: "") == "module name can't be empty string \"\"")
        #expect(ModuleDict.problem(withKey: "input_2") == nil)
    }

    @Test func dottedKeyStopsTheProgramAtTheCallersLine() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let dict = ModuleDict()
            dict["a.b"] = ReLU()
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("NNContainerTests.swift:"))
        #expect(text.contains("Fatal error: module name can't contain \".\", got: a.b"))
    }

    @Test func sequentialChainsItsModules() {
        let first = Linear(3, 4), second = Linear(4, 2)
        let model = Sequential(first, ReLU(), second)
        let x = Tensor([1, -2, 0.5, 0, 1, 2], shape: [2, 3])
        #expect(model(x).data == second(first(x).relu()).data)
        #expect(model.namedParameters().map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
        model.append(Sigmoid())
        #expect(model.count == 4 && model[3] is Sigmoid)
    }
}
