/// Element-wise fusion: a node whose only reader is an element-wise op of the same shape is
/// merged with it, repeatedly, into one ``FusedKernel`` node — `linear` then `relu` run as one
/// kernel writing one buffer, instead of two kernels and an intermediate buffer.
enum Fusion {
    static func run(_ program: Program) -> (Program, String) {
        let uses = program.useCounts
        let roots = Set(program.outputs).union(program.assignments.map(\.value))
        var readers = [[Int]](repeating: [], count: program.nodes.count)
        for node in program.nodes { for input in node.inputs { readers[input].append(node.id) } }

        var p = program
        var keep = [Bool](repeating: true, count: p.nodes.count)
        var absorbed = [Bool](repeating: false, count: p.nodes.count)
        var labels: [String] = []
        for head in program.nodes {
            guard case .op(let headOp) = head.kind, !absorbed[head.id], canHead(headOp) else { continue }
            var steps: [FusedKernel.Step] = []
            var inputs = head.inputs
            var current = head.id
            while uses[current] == 1, !roots.contains(current), readers[current].count == 1 {
                let next = program.nodes[readers[current][0]]
                guard !absorbed[next.id], case .op(let op) = next.kind, next.shape == head.shape,
                      let arity = FusedKernel.arity(ofElementwise: op) else { break }
                if arity == 1 {
                    steps.append(.unary(op))
                } else {
                    let chainFirst = next.inputs[0] == current
                    let other = next.inputs[chainFirst ? 1 : 0]
                    steps.append(.binary(op, input: inputs.count, chainFirst: chainFirst))
                    inputs.append(other)
                }
                keep[current] = false
                absorbed[next.id] = true
                current = next.id
            }
            guard !steps.isEmpty else { continue }
            let kernel = FusedKernel(head: headOp, headArity: head.inputs.count, steps: steps,
                                     shape: head.shape)
            // The fused node keeps the name of the last node it merged: it holds that value.
            p.replace(current, kind: .op(.fused(kernel)), inputs: inputs)
            labels.append(kernel.label)
        }
        let fusedNodes = program.nodes.count - keep.filter { $0 }.count
        var detail = "fused \(labels.count) chain\(labels.count == 1 ? "" : "s")"
        if !labels.isEmpty { detail += " (\(fusedNodes + labels.count) nodes → \(labels.count)): " + summary(labels) }
        return (p.rebuilt(keep: keep), detail)
    }

    /// Ops that may start a chain: anything computed, except control flow and finished fusions.
    private static func canHead(_ op: GraphOp) -> Bool {
        switch op {
        case .cond, .fused, .applySGD: return false
        default: return true
        }
    }

    /// `linear+relu ×2, sub+mul` in order of first appearance.
    private static func summary(_ labels: [String]) -> String {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for label in labels {
            if counts[label] == nil { order.append(label) }
            counts[label, default: 0] += 1
        }
        return order.map { counts[$0]! > 1 ? "\($0) ×\(counts[$0]!)" : $0 }.joined(separator: ", ")
    }
}
