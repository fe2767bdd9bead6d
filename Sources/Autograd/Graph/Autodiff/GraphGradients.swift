/// Gradient rules written into a static graph as new nodes.
final class GraphGradients: GradientBuilder {
    typealias Failure = any Error
    let graph: Graph
    let upstream: GraphValue
    let output: GraphValue
    private let inputs: [GraphValue]
    private let wanted: [Bool]
    /// The gradient handed to each input that wants one (nil: none).
    private(set) var results: [GraphValue?]

    init(graph: Graph, node id: Int, upstream: GraphValue, needs: [Bool]) {
        self.graph = graph
        self.upstream = upstream
        output = GraphValue(graph: graph, id: id)
        inputs = graph.nodes[id].inputs.map { GraphValue(graph: graph, id: $0) }
        wanted = needs
        results = inputs.map { _ in nil }
    }

    var inputCount: Int { inputs.count }
    func input(_ i: Int) -> GraphValue { inputs[i] }
    func needs(_ i: Int) -> Bool { wanted[i] }
    func shape(of v: GraphValue) -> [Int] { v.shape }

    func pass(_ v: GraphValue, to i: Int) throws {
        let g = v.shape == inputs[i].shape ? v : try apply(.sumTo(inputs[i].shape), [v])
        if wanted[i] { results[i] = g }
    }
    func passProduct(_ a: GraphValue, _ b: GraphValue, to i: Int) throws {
        guard wanted[i] else { return }
        try pass(try apply(.mul, a, b), to: i)
    }
    func passDerivative(_ op: UnaryOp) throws {
        switch op.derivativeInput {
        case .none: try pass(upstream, to: 0)
        case .gradient: try pass(try apply(.derivative(op), upstream), to: 0)
        case .input: try pass(try apply(.derivative(op), inputs[0], upstream), to: 0)
        case .output: try pass(try apply(.derivative(op), output, upstream), to: 0)
        }
    }
    func apply(_ op: GraphOp, _ inputs: [GraphValue]) throws -> GraphValue {
        try graph.apply(op, inputs, file: "", line: 0)
    }
    func reshaped(_ v: GraphValue, _ shape: [Int]) throws -> GraphValue {
        v.shape == shape ? v : try apply(.reshape(shape), v)
    }
    func zero() -> GraphValue { graph.constant(0, name: "0") }
}
