import Autograd

/// Golden cases of single ops: unary, binary, matmul, reduce, loss and linear. Each runs the op on
/// the inputs, runs backward with the `upstream` gradient (the gradient of `sum(output * upstream)`),
/// and compares the output and the inputs' gradients.
enum GoldenOps {
    static func runElementwise(_ golden: JSON, _ check: GoldenCheck) throws {
        let kind = golden["kind"]?.string ?? ""
        let op = try golden.field("op").string ?? ""
        check.expectOnlyFields(golden, Set(["inputs", "upstream", "output", "grads"])
                                   .union(kind == "reduce" ? ["dim", "keepdim"] : [])
                                   .union(["softmax", "log_softmax"].contains(op) ? ["dim"] : []))
        let expectedGrads = try golden.field("grads").array ?? []
        let inputs = try GoldenOps.inputs(golden, grads: expectedGrads)
        let output: Tensor
        switch kind {
        case "unary":
            try expectCount(inputs, 1)
            output = try unary(op, inputs[0], golden)
        case "binary":
            try expectCount(inputs, 2)
            output = try binary(op, inputs[0], inputs[1])
        case "matmul":
            try expectCount(inputs, 2)
            guard op == "matmul" else { throw GoldenMismatch("unknown matmul op \"\(op)\"") }
            output = inputs[0].matmul(inputs[1])
        default:
            try expectCount(inputs, 1)
            output = try reduce(op, inputs[0], golden)
        }
        try finish(golden, check, output: output, inputs: inputs, grads: expectedGrads)
    }

    static func runLoss(_ golden: JSON, _ check: GoldenCheck) throws {
        let op = try golden.field("op").string ?? ""
        check.expectOnlyFields(golden, ["reduction", "inputs", "targets", "upstream", "output", "grads"])
        let expectedGrads = try golden.field("grads").array ?? []
        let inputs = try GoldenOps.inputs(golden, grads: expectedGrads)
        let name = try golden.field("reduction").string ?? ""
        guard let reduction = Reduction(rawValue: name) else { throw GoldenMismatch("unknown reduction \"\(name)\"") }
        let output: Tensor
        switch op {
        case "mse":
            try expectCount(inputs, 2)
            output = MSELoss(reduction: reduction)(inputs[0], inputs[1])
        case "cross_entropy", "nll":
            try expectCount(inputs, 1)
            guard let targets = try golden.field("targets").array?.compactMap(\.int) else {
                throw GoldenMismatch("targets are not integers")
            }
            output = op == "nll" ? NLLLoss(reduction: reduction)(inputs[0], targets)
                : CrossEntropyLoss(reduction: reduction)(inputs[0], targets)
        default:
            throw GoldenMismatch("unknown loss op \"\(op)\"")
        }
        try finish(golden, check, output: output, inputs: inputs, grads: expectedGrads)
    }

    static func runLinear(_ golden: JSON, _ check: GoldenCheck) throws {
        guard golden["op"]?.string == "linear" else { throw GoldenMismatch("unknown linear op") }
        check.expectOnlyFields(golden, ["inputs", "weight", "bias", "upstream", "output", "grads",
                                        "weight_grad", "bias_grad"])
        let expectedGrads = try golden.field("grads").array ?? []
        let inputs = try GoldenOps.inputs(golden, grads: expectedGrads)
        try expectCount(inputs, 1)
        let weight = try golden.field("weight").tensor("weight", requiresGrad: true)
        let biasField = try golden.field("bias")
        let bias = biasField.isNull ? nil : try biasField.tensor("bias", requiresGrad: true)
        let output = linear(inputs[0], weight, bias)
        try finish(golden, check, output: output, inputs: inputs, grads: expectedGrads)
        try check.compare("weight grad", weight.grad, golden.field("weight_grad"))
        try check.compare("bias grad", bias?.grad, golden.field("bias_grad"))
    }

    /// The inputs; those with a non-null expected gradient require one.
    private static func inputs(_ golden: JSON, grads: [JSON]) throws -> [Tensor] {
        guard let inputs = try golden.field("inputs").array else { throw GoldenMismatch("inputs is not a list") }
        return try inputs.enumerated().map { index, input in
            try input.tensor("input \(index)", requiresGrad: index < grads.count && !grads[index].isNull)
        }
    }

    private static func expectCount(_ inputs: [Tensor], _ count: Int) throws {
        if inputs.count != count { throw GoldenMismatch("expected \(count) input(s), found \(inputs.count)") }
    }

    /// Runs backward (with `upstream` if given, else from the scalar output) and compares.
    private static func finish(_ golden: JSON, _ check: GoldenCheck, output: Tensor, inputs: [Tensor],
                               grads: [JSON]) throws {
        try check.compare("output", output, golden.field("output"))
        if let upstream = golden["upstream"] {
            output.backward(try upstream.tensor("upstream"))
        } else if output.rank == 0 {
            output.backward()
        } else {
            throw GoldenMismatch("non-scalar output \(output.shape) without an upstream gradient")
        }
        // Losses list the gradient of the prediction only: the target needs none.
        guard !grads.isEmpty, grads.count <= inputs.count else {
            throw GoldenMismatch("\(grads.count) expected gradients for \(inputs.count) inputs")
        }
        for (index, input) in inputs.enumerated() {
            try check.compare("grad of input \(index)", input.grad, index < grads.count ? grads[index] : .null)
        }
    }

    private static func unary(_ op: String, _ x: Tensor, _ golden: JSON) throws -> Tensor {
        switch op {
        case "relu": return x.relu()
        case "sigmoid": return x.sigmoid()
        case "tanh": return x.tanh()
        case "exp": return x.exp()
        case "log": return x.log()
        case "neg": return -x
        case "sqrt": return x.sqrt()
        case "abs": return x.abs()
        case "square": return x.pow(2)
        case "pow3": return x.pow(3)
        case "transpose":
            guard x.rank == 2 else { throw GoldenMismatch("transpose of a rank-\(x.rank) input: which dims?") }
            return x.transpose(0, 1)
        case "softmax": return x.softmax(dim: try dim(golden, rank: x.rank) ?? x.rank - 1)
        case "log_softmax": return x.logSoftmax(dim: try dim(golden, rank: x.rank) ?? x.rank - 1)
        default: throw GoldenMismatch("unknown unary op \"\(op)\"")
        }
    }

    private static func binary(_ op: String, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        switch op {
        case "add": return a + b
        case "sub": return a - b
        case "mul": return a * b
        case "div": return a / b
        default: throw GoldenMismatch("unknown binary op \"\(op)\"")
        }
    }

    private static func reduce(_ op: String, _ x: Tensor, _ golden: JSON) throws -> Tensor {
        guard let keepdim = try golden.field("keepdim").bool else { throw GoldenMismatch("keepdim is not a bool") }
        guard let dim = try dim(golden, rank: x.rank) else {
            guard !keepdim else { throw GoldenMismatch("keepdim with dim null is not supported") }
            switch op {
            case "sum": return x.sum()
            case "mean": return x.mean()
            default: throw GoldenMismatch("unknown reduce op \"\(op)\"")
            }
        }
        switch op {
        case "sum": return x.sum(dim: dim, keepdim: keepdim)
        case "mean": return x.mean(dim: dim, keepdim: keepdim)
        default: throw GoldenMismatch("unknown reduce op \"\(op)\"")
        }
    }

    /// The case's `dim` (negative counts from the end), or nil when absent or null.
    private static func dim(_ golden: JSON, rank: Int) throws -> Int? {
        guard let field = golden["dim"], !field.isNull else { return nil }
        guard let dim = field.int else { throw GoldenMismatch("dim is not an integer") }
        return dim < 0 ? dim + rank : dim
    }
}
