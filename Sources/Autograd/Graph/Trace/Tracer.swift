/// The tape observer behind ``trace(_:parameters:file:line:_:)``: turns every eager op into a graph node,
/// and every read or random draw into a ``TraceWarning``.
final class Tracer: TapeObserver {
    /// One recorded op, for comparing two traces.
    struct Step: Equatable {
        let op: Op
        let inputShapes: [[Int]]
        let outputShape: [Int]
        var text: String {
            "\(op) of \(inputShapes.map(Shapes.text).joined(separator: ", ")) → \(Shapes.text(outputShape))"
        }
    }

    let graph = Graph()
    private(set) var steps: [Step] = []
    private(set) var warnings: [TraceWarning] = []
    private(set) var error: Error?
    private var nodes: [ObjectIdentifier: GraphValue] = [:]
    /// Every tensor seen, kept alive so that no identifier is reused during the trace.
    private var retained: [Tensor] = []
    private let parameterNames: [ObjectIdentifier: String]
    private let sources = SourceLines()
    /// Where `trace` was called: the location of an error no read can locate.
    private let site: (file: String, line: Int)

    init(inputs: [(String, Tensor)], parameters: [(name: String, tensor: Tensor)], site: (file: String, line: Int)) throws {
        self.site = site
        var names: [ObjectIdentifier: String] = [:]
        for (name, tensor) in parameters where names[ObjectIdentifier(tensor)] == nil {
            names[ObjectIdentifier(tensor)] = name
        }
        parameterNames = names
        for (name, tensor) in inputs {
            nodes[ObjectIdentifier(tensor)] = try graph.placeholder(name, shape: tensor.shape)
            retained.append(tensor)
        }
    }

    /// The node of a tensor: an earlier op's result, an input, a variable for parameters (and
    /// other leaves that require a gradient), or else a constant holding its current values.
    func node(of tensor: Tensor) -> GraphValue {
        if let node = nodes[ObjectIdentifier(tensor)] { return node }
        retained.append(tensor)
        let node: GraphValue
        if let name = parameterNames[ObjectIdentifier(tensor)] {
            node = graph.variable(tensor, name: name)
        } else if tensor.requiresGrad && tensor.isLeaf {
            node = graph.variable(tensor, name: "tensor_\(graph.nodes.count)")
        } else {
            node = graph.constant(tensor)
        }
        nodes[ObjectIdentifier(tensor)] = node
        return node
    }

    func didRecord(_ op: Op, inputs: [Tensor], output: Tensor) {
        // After the first error the trace is lost: `record` throws that error when the body returns.
        guard error == nil else { return }
        let inputNodes = inputs.map(node(of:))
        do {
            let value = try graph.apply(.eager(op), inputNodes, file: "", line: 0)
            nodes[ObjectIdentifier(output)] = value
            retained.append(output)
            steps.append(Step(op: op, inputShapes: inputs.map(\.shape), outputShape: output.shape))
        } catch {
            self.error = error
        }
    }

    func didRead(_ tensor: Tensor, value: String, file: String, line: Int) {
        let what = sources.boundName(file: file, line: line) ?? "item() of '\(node(of: tensor).name)'"
        warnings.append(TraceWarning(kind: .read, what: what, value: value, file: file, line: line))
    }

    /// A read through `data`: the trace fails (no line to report, and nothing to freeze it by).
    func didReadElements(_ tensor: Tensor) {
        guard error == nil else { return }  // the first error is the one thrown
        error = GraphError.untracedRead(node: node(of: tensor).name, file: site.file, line: site.line)
    }

    func didDraw(_ what: String, value: String, file: String, line: Int) {
        let name = sources.boundName(file: file, line: line) ?? what
        let shown = value.contains("\n") || value.count > 40 ? "the values drawn" : value
        warnings.append(TraceWarning(kind: .randomDraw, what: name, value: shown, file: file, line: line))
    }
}
