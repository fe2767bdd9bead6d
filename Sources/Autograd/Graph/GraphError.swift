import Foundation

/// Errors raised while building, compiling or running a static ``Graph``.
///
/// Every case names the node or placeholder involved, and build-time errors carry the
/// source location of the line that tried to add the node, so a lesson shows exactly
/// which statement declared an impossible graph — before any data flows.
public enum GraphError: Error, CustomStringConvertible, Equatable {
    /// An op's inputs have shapes it cannot combine (detected while the graph is built).
    case shapeMismatch(node: String, inputs: [String], shapes: [[Int]], reason: String, file: String, line: Int)
    /// Two values from different graphs were combined.
    case foreignValue(node: String, file: String, line: Int)
    /// A placeholder was declared twice with the same name.
    case duplicatePlaceholder(name: String)
    /// `run` was called without a value for this placeholder.
    case missingFeed(placeholder: String, shape: [Int])
    /// `run` was given a value for a name that is not a placeholder of the graph.
    case unknownFeed(name: String, placeholders: [String])
    /// A fed tensor's shape differs from the placeholder's declared shape.
    case feedShape(placeholder: String, expected: [Int], got: [Int])
    /// `gradients(of:wrt:)` was asked for a non-scalar output.
    case nonScalarLoss(node: String, shape: [Int])
    /// A requested gradient target does not influence the output.
    case unusedVariable(node: String)
    /// A gradient was asked for with respect to a constant.
    case notDifferentiable(node: String)
    /// The graph has no gradient rule for this op.
    case noGradientRule(op: String, node: String)
    /// `assign` was given a target that is not a variable, or a value of another shape.
    case badAssignment(target: String, reason: String)
    /// `cond` was given a predicate that is not a single number.
    case badPredicate(node: String, shape: [Int])
    /// A traced function read a tensor's elements through `data`, which a trace can neither
    /// follow nor locate; `file` and `line` are those of the `trace` call.
    case untracedRead(node: String, file: String, line: Int)

    public var description: String {
        switch self {
        case let .shapeMismatch(node, inputs, shapes, reason, file, line):
            let args = zip(inputs, shapes).map { "'\($0)' \(Shapes.text($1))" }.joined(separator: ", ")
            return location(file, line) + "cannot build '\(node)' from \(args): \(reason)"
        case let .foreignValue(node, file, line):
            return location(file, line) + "'\(node)' mixes values from two different graphs"
        case let .duplicatePlaceholder(name):
            return "a placeholder named '\(name)' already exists in this graph"
        case let .missingFeed(name, shape):
            return "You must feed a value for placeholder '\(name)' with shape \(Shapes.text(shape))"
        case let .unknownFeed(name, placeholders):
            let known = placeholders.map { "'\($0)'" }.joined(separator: ", ")
            return "Cannot feed '\(name)': the graph has no placeholder of that name (placeholders: \(known))"
        case let .feedShape(name, expected, got):
            return "Cannot feed value of shape \(Shapes.text(got)) for placeholder '\(name)', which has shape \(Shapes.text(expected))"
        case let .nonScalarLoss(node, shape):
            return "grad can be implicitly created only for scalar outputs: '\(node)' has shape \(Shapes.text(shape))"
        case let .unusedVariable(node):
            return "One of the differentiated values ('\(node)') appears to not have been used in the graph"
        case let .notDifferentiable(node):
            return "'\(node)' is a constant: it has no gradient"
        case let .noGradientRule(op, node):
            return "no gradient rule for \(op) (node '\(node)') in static graphs"
        case let .badAssignment(target, reason):
            return "cannot assign to '\(target)': \(reason)"
        case let .badPredicate(node, shape):
            return "cond needs a predicate with one element, but '\(node)' has shape \(Shapes.text(shape))"
        case let .untracedRead(node, file, line):
            return location(file, line) + "the traced function read the elements of '\(node)' through `.data`: "
                + "a trace cannot see what Swift code does with them (an `if` would be frozen silently), "
                + "nor where they were read. Read one value with `item()`, `Float(_:)` or `Bool(_:)`, "
                + "which the trace reports as a warning with its line, or keep the computation in tensor ops"
        }
    }
}

/// `file:line: error: ` for a build-time error, or nothing when the location is unknown
/// (operators such as `+` cannot pass their caller's line).
private func location(_ file: String, _ line: Int) -> String {
    line > 0 ? "\(displayPath(file)):\(line): error: " : "error: "
}

/// A source path as lessons print it: relative to the current directory when it lies inside it,
/// so messages are the same on every machine.
func displayPath(_ file: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
    return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
}
