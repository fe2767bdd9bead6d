/// A text listing of graph nodes, one per line, like `torch.fx`'s graph printout:
///
/// ```
/// %0 x: [16, 6] = placeholder
/// %1 inputLayer.weight: [8, 6] = variable
/// %3 linear_3: [16, 8] = linear(hasBias: true)(%0, %1, %2)
/// ```
enum GraphListing {
    static func lines(_ nodes: [Graph.Node], outputs: [Int]) -> [String] {
        let fetched = Set(outputs)
        return nodes.map { node in
            let head = "%\(node.id) \(node.name): \(Shapes.text(node.shape)) = "
            let args = "(" + node.inputs.map { "%\($0)" }.joined(separator: ", ") + ")"
            let body: String
            switch node.kind {
            case .placeholder: body = "placeholder"
            case .variable: body = "variable"
            case .constant(let t): body = t.count == 1 ? "constant \(t.element(0))" : "constant"
            case .op(.eager(let op)): body = op.description + args
            case .op(.applySGD(let settings)): body = settings.description + args
            case .op(.fused(let kernel)): body = "fused " + kernel.label + args
            case .op(let op): body = op.shortName + args
            }
            return head + body + (fetched.contains(node.id) ? "  → output" : "")
        }
    }
}

extension Graph: CustomStringConvertible {
    /// Every node, one per line, in build order (`%3 linear_3: [16, 8] = linear(hasBias: true)(%0, %1, %2)`).
    public var description: String { GraphListing.lines(nodes, outputs: []).joined(separator: "\n") }
}

extension CompiledGraph: CustomStringConvertible {
    /// The optimized nodes, one per line, fused nodes as `fused linear+relu(...)`, outputs marked.
    public var description: String { GraphListing.lines(nodes, outputs: outputs).joined(separator: "\n") }
}
