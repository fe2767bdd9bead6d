/// What a gradient rule may do, written once per op and run by two builders: the eager tape
/// (``TapeGradients``, which computes now) and the static graph (``GraphGradients``, which adds
/// nodes). `Failure` is `Never` on the tape, so eager rules need no `try`.
protocol GradientBuilder {
    associatedtype Value
    associatedtype Failure: Error
    /// The gradient of the op's output.
    var upstream: Value { get }
    /// Input `i` of the op.
    func input(_ i: Int) -> Value
    /// Whether input `i` wants a gradient (skip work for it otherwise).
    func needs(_ i: Int) -> Bool
    /// Hands input `i` the gradient `v`, summed back to the input's shape if it was broadcast.
    func pass(_ v: Value, to i: Int) throws(Failure)
    /// Hands input `i` the gradient `a * b`, summed back to its shape (in place on a leaf's
    /// gradient on the tape).
    func passProduct(_ a: Value, _ b: Value, to i: Int) throws(Failure)
    /// `-v`.
    func neg(_ v: Value) throws(Failure) -> Value
    /// `a * b` of two values of one shape.
    func mul(_ a: Value, _ b: Value) throws(Failure) -> Value
    /// `a / b` of two values of one shape.
    func div(_ a: Value, _ b: Value) throws(Failure) -> Value
}

extension BinaryOp {
    /// The vector–Jacobian product of `a op b`, for both the tape and the graph.
    func vjp<B: GradientBuilder>(_ b: B) throws(B.Failure) {
        let g = b.upstream
        switch self {
        case .add:
            try b.pass(g, to: 0)
            try b.pass(g, to: 1)
        case .sub:
            try b.pass(g, to: 0)
            if b.needs(1) { try b.pass(try b.neg(g), to: 1) }
        case .mul:
            try b.passProduct(g, b.input(1), to: 0)
            try b.passProduct(g, b.input(0), to: 1)
        case .div:
            let (x, y) = (b.input(0), b.input(1))
            if b.needs(0) { try b.pass(try b.div(g, y), to: 0) }
            if b.needs(1) { try b.pass(try b.div(try b.mul(try b.neg(g), x), try b.mul(y, y)), to: 1) }
        }
    }
}

/// Gradient rules run on the tape, now: a view of one ``GradFn`` during the backward pass.
struct TapeGradients: GradientBuilder {
    typealias Failure = Never
    let node: GradFn
    let upstream: Tensor

    func input(_ i: Int) -> Tensor { node.input(i) }
    func needs(_ i: Int) -> Bool { node.input(i).requiresGrad }
    func pass(_ v: Tensor, to i: Int) { node.pass(v.sumTo(node.input(i).shape), to: i) }
    func passProduct(_ a: Tensor, _ b: Tensor, to i: Int) { node.passProduct(a, b, to: i) }
    func neg(_ v: Tensor) -> Tensor { -v }
    func mul(_ a: Tensor, _ b: Tensor) -> Tensor { a * b }
    func div(_ a: Tensor, _ b: Tensor) -> Tensor { a / b }
}

/// Gradient rules written into a static graph as new nodes.
final class GraphGradients: GradientBuilder {
    typealias Failure = any Error
    let graph: Graph
    let upstream: GraphValue
    private let inputs: [GraphValue]
    private let wanted: [Bool]
    /// The gradient handed to each input so far (nil: none).
    private(set) var results: [GraphValue?]

    init(graph: Graph, node id: Int, upstream: GraphValue, needs: [Bool]) {
        self.graph = graph
        self.upstream = upstream
        inputs = graph.nodes[id].inputs.map { GraphValue(graph: graph, id: $0) }
        wanted = needs
        results = inputs.map { _ in nil }
    }

    func input(_ i: Int) -> GraphValue { inputs[i] }
    func needs(_ i: Int) -> Bool { wanted[i] }
    func pass(_ v: GraphValue, to i: Int) throws {
        guard wanted[i] else { return }
        results[i] = try unbroadcast(v, to: inputs[i].shape)
    }
    func passProduct(_ a: GraphValue, _ b: GraphValue, to i: Int) throws {
        guard wanted[i] else { return }
        try pass(try mul(a, b), to: i)
    }
    func neg(_ v: GraphValue) throws -> GraphValue { try make(.eager(.unary(.neg)), v) }
    func mul(_ a: GraphValue, _ b: GraphValue) throws -> GraphValue { try make(.eager(.binary(.mul)), a, b) }
    func div(_ a: GraphValue, _ b: GraphValue) throws -> GraphValue { try make(.eager(.binary(.div)), a, b) }

    /// A new node of `op` on `inputs`.
    func make(_ op: GraphOp, _ inputs: GraphValue...) throws -> GraphValue {
        try graph.apply(op, inputs, file: "", line: 0)
    }

    /// `v` summed back to `shape` (the gradient of a broadcast input).
    func unbroadcast(_ v: GraphValue, to shape: [Int]) throws -> GraphValue {
        v.shape == shape ? v : try make(.sumTo(shape), v)
    }
}
