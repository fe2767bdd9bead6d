import Autograd
import Foundation
import Testing

/// Every static-graph error: thrown at build time (shapes) or before a run (feeds), naming the
/// nodes or placeholder involved.
@Suite struct GraphErrorTests {
    /// The error `body` throws, as text.
    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    /// This file as error messages print it (relative to the working directory when inside it).
    let here: String = {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let file = #filePath
        return file.hasPrefix(cwd) ? String(file.dropFirst(cwd.count)) : file
    }()

    @Test func matmulShapeMismatchIsReportedAtBuildTimeWithBothNodesAndTheLine() throws {
        let g = Graph()
        let h = try g.placeholder("h", shape: [16, 8])
        let w = g.variable(Tensor.zeros(6, 8), name: "output.weight")
        let line = #line + 1
        let text = message { _ = try h.matmul(w) }
        #expect(text == "\(here):\(line): error: cannot build 'matmul_2' from 'h' [16, 8], 'output.weight' [6, 8]: mat1 and mat2 shapes cannot be multiplied (16x8 and 6x8)")
    }

    @Test func broadcastMismatchNamesTheDimension() throws {
        let g = Graph()
        let a = try g.placeholder("a", shape: [4, 3])
        let b = try g.placeholder("b", shape: [4])
        let line = #line + 1
        let text = message { _ = try a.add(b) }
        #expect(text == "\(here):\(line): error: cannot build 'add_2' from 'a' [4, 3], 'b' [4]: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1")
    }

    @Test func operatorsReportWithoutALine() throws {
        let g = Graph()
        let a = try g.placeholder("a", shape: [2])
        let b = try g.placeholder("b", shape: [3])
        #expect(message { _ = try a * b } == "error: cannot build 'mul_2' from 'a' [2], 'b' [3]: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0")
    }

    @Test func feedErrorsNameThePlaceholder() throws {
        let g = Graph()
        let x = try g.placeholder("x", shape: [2, 3])
        let step = try g.compile(fetch: [try x.relu()])
        #expect(message { try step.run([:]) } == "You must feed a value for placeholder 'x' with shape [2, 3]")
        #expect(message { try step.run(["x": Tensor.zeros(2, 3), "z": Tensor.zeros(1)] ) }
                == "Cannot feed 'z': the graph has no placeholder of that name (placeholders: 'x')")
        #expect(message { try step.run(["x": Tensor.zeros(3, 2)]) }
                == "Cannot feed value of shape [3, 2] for placeholder 'x', which has shape [2, 3]")
    }

    @Test func gradientErrors() throws {
        let g = Graph()
        let x = try g.placeholder("x", shape: [2, 3])
        let w = g.variable(Tensor.ones(2, 3), name: "w")
        let unused = g.variable(Tensor.ones(1), name: "unused")
        let y = try (x * w).named("y")
        #expect(message { _ = try g.gradients(of: y, wrt: [w]) }
                == "grad can be implicitly created only for scalar outputs: 'y' has shape [2, 3]")
        #expect(message { _ = try g.gradients(of: y.sum(), wrt: [unused]) }
                == "One of the differentiated values ('unused') appears to not have been used in the graph")
        let c = g.constant(Tensor.ones(2, 3), name: "c")
        #expect(message { _ = try g.gradients(of: (x * c).sum(), wrt: [c]) }
                == "'c' is a constant: it has no gradient")
    }

    @Test func buildErrors() throws {
        let g = Graph(), other = Graph()
        let x = try g.placeholder("x", shape: [2])
        #expect(message { _ = try g.placeholder("x", shape: [3]) } == "a placeholder named 'x' already exists in this graph")
        let y = try other.placeholder("y", shape: [2])
        let line = #line + 1
        #expect(message { _ = try x.add(y) } == "\(here):\(line): error: 'add_1' mixes values from two different graphs")
        #expect(message { try g.assign(x, x) } == "cannot assign to 'x': only variables can be assigned")
        let v = g.variable(Tensor.zeros(3), name: "v")
        #expect(message { try g.assign(v, x) } == "cannot assign to 'v': value 'x' has shape [2], the variable has [3]")
        #expect(message { _ = try g.cond(x, then: { x }, else: { x }) }
                == "cond needs a predicate with one element, but 'x' has shape [2]")
    }
}
