/// Records what eager code does on example inputs into a static ``Graph``, like
/// `torch.jit.trace`, and says which Swift values the graph froze.
///
/// The body runs once, eagerly, on `inputs` (placeholder name → example tensor). Every op it
/// performs becomes a node; `parameters` (e.g. `model.namedParameters()`) become variables, so
/// the replay uses their current values; any other tensor the body uses becomes a constant.
/// When the body reads a tensor into a Swift value (`item()`) or draws a random number, the
/// trace cannot see what the program does with it — an `if`, a loop count — so the ops it
/// recorded bake that choice in. Each such value is listed in ``TracedFunction/warnings``
/// with its source line and the value frozen. Reading elements through ``Tensor/data``, which
/// cannot say where it happened, makes the trace throw ``GraphError/untracedRead(node:file:line:)``
/// (at this call's line) instead. Printing a tensor is not a read (as in `torch.jit.trace`).
///
/// ```swift
/// let traced = try trace(["x": x], parameters: net.namedParameters()) { inputs in net(inputs["x"]!) }
/// for warning in traced.warnings { print(warning) }   // depth fixed at 2: random draw at ...:31
/// let y = try traced(["x": otherX])
/// ```
public func trace(_ inputs: [String: Tensor], parameters: [(name: String, tensor: Tensor)] = [],
                  file: String = #filePath, line: Int = #line,
                  _ body: @escaping ([String: Tensor]) -> Tensor) throws -> TracedFunction {
    let recording = try record(inputs, parameters: parameters, at: (file, line), body)
    return try TracedFunction(recording: recording, parameters: parameters, at: (file, line), body: body)
}

/// Traces a function of one tensor; its placeholder is named `name` (default `"x"`).
public func trace(_ example: Tensor, name: String = "x", parameters: [(name: String, tensor: Tensor)] = [],
                  file: String = #filePath, line: Int = #line,
                  _ body: @escaping (Tensor) -> Tensor) throws -> TracedFunction {
    try trace([name: example], parameters: parameters, file: file, line: line) { inputs in body(inputs[name]!) }
}

/// Runs `body` under a fresh ``Tracer`` (restoring any observer already installed).
func record(_ inputs: [String: Tensor], parameters: [(name: String, tensor: Tensor)], at site: (file: String, line: Int),
            _ body: ([String: Tensor]) -> Tensor) throws -> (tracer: Tracer, output: GraphValue) {
    let tracer = try Tracer(inputs: inputs.sorted { $0.key < $1.key }, parameters: parameters, site: site)
    let state = TapeState.current
    let previous = state.observer
    state.observer = tracer
    let result = body(inputs)
    state.observer = previous
    if let error = tracer.error { throw error }
    return (tracer, tracer.node(of: result))
}

/// The result of ``trace(_:parameters:file:line:_:)``: the recorded graph, compiled for replay, and the
/// values it froze.
public final class TracedFunction {
    /// The recorded graph (placeholders named like the example inputs).
    public let graph: Graph
    /// The node holding the traced function's result.
    public let output: GraphValue
    /// Values the trace froze (reads and random draws), in the order they happened.
    public let warnings: [TraceWarning]
    /// The graph compiled with every pass, used by the `callAsFunction(_:)` overloads.
    let compiled: CompiledGraph

    let steps: [Tracer.Step]
    private let parameters: [(name: String, tensor: Tensor)]
    private let site: (file: String, line: Int)
    private let body: ([String: Tensor]) -> Tensor

    init(recording: (tracer: Tracer, output: GraphValue), parameters: [(name: String, tensor: Tensor)],
         at site: (file: String, line: Int), body: @escaping ([String: Tensor]) -> Tensor) throws {
        graph = recording.tracer.graph
        output = recording.output
        warnings = recording.tracer.warnings
        steps = recording.tracer.steps
        compiled = try graph.compile(fetch: [output])
        self.parameters = parameters
        self.site = site
        self.body = body
    }

    /// Number of ops recorded.
    public var opCount: Int { steps.count }

    /// Replays the recorded ops on new inputs (no Swift code of the body runs).
    public func callAsFunction(_ inputs: [String: Tensor]) throws -> Tensor {
        try compiled.run(inputs)[0]
    }

    /// Replays a trace of one input (see ``trace(_:name:parameters:file:line:_:)``) on a new tensor.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try compiled.run([graph.placeholderNames.first ?? "x": input])[0]
    }

    /// Traces the body again on `inputs` and compares the two recordings op by op — the check
    /// `torch.jit.trace` runs with `check_inputs`. Differences show where control flow that
    /// the first trace froze went another way.
    public func check(with inputs: [String: Tensor]) throws -> TraceCheck {
        let again = try record(inputs, parameters: parameters, at: site, body)
        return TraceCheck(first: steps, second: again.tracer.steps,
                          firstWarnings: warnings, secondWarnings: again.tracer.warnings)
    }
}
