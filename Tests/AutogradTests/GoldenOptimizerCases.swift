import Autograd

/// Golden optimizer cases: one parameter starts at `start`; each step stores the given gradient
/// and steps, and the parameter is compared after every step.
enum GoldenOptimizerCases {
    static func run(_ golden: JSON, _ check: GoldenCheck) throws {
        check.expectOnlyFields(golden, ["hyper", "start", "grads_per_step", "after_each_step"])
        let parameter = try golden.field("start").tensor("start", requiresGrad: true)
        let hyper = try golden.field("hyper")
        let optimizer: Optimizer
        switch try golden.field("op").string ?? "" {
        case "sgd": optimizer = try sgd([parameter], hyper)
        case "adam": optimizer = try adam([parameter], hyper)
        default: throw GoldenMismatch("unknown optimizer \"\(golden["op"]!)\"")
        }
        guard let grads = try golden.field("grads_per_step").array,
              let after = try golden.field("after_each_step").array, grads.count == after.count else {
            throw GoldenMismatch("grads_per_step and after_each_step must be lists of one length")
        }
        for (step, grad) in grads.enumerated() {
            parameter.grad = try grad.tensor("grad \(step)")
            optimizer.step()
            try check.compare("after step \(step)", parameter, after[step])
        }
    }

    /// SGD with the hyperparameters of `fields` (an optimizer's `hyper` or a training case).
    static func sgd(_ parameters: [Tensor], _ fields: JSON) throws -> SGD {
        let known: Set = ["lr", "momentum", "dampening", "weight_decay", "nesterov"]
        try expectOnly(known, in: fields, besides: trainingFields)
        return SGD(parameters, lr: try number(fields, "lr"), momentum: try number(fields, "momentum", 0),
                   dampening: try number(fields, "dampening", 0), weightDecay: try number(fields, "weight_decay", 0),
                   nesterov: fields["nesterov"]?.bool ?? false)
    }

    /// Adam with the hyperparameters of `hyper`.
    static func adam(_ parameters: [Tensor], _ hyper: JSON) throws -> Adam {
        try expectOnly(["lr", "betas", "eps", "weight_decay"], in: hyper, besides: [])
        var betas: (Double, Double) = (0.9, 0.999)
        if let field = hyper["betas"] {
            guard let values = field.array?.compactMap(\.number), values.count == 2 else {
                throw GoldenMismatch("betas must be two numbers")
            }
            betas = (values[0], values[1])
        }
        return Adam(parameters, lr: try number(hyper, "lr", 1e-3), betas: betas, eps: try number(hyper, "eps", 1e-8),
                    weightDecay: try number(hyper, "weight_decay", 0))
    }

    /// The fields of a training case that are not SGD hyperparameters.
    private static let trainingFields: Set = ["kind", "op", "id", "sizes", "state", "x", "y", "loss", "depths",
                                              "losses", "final_state"]

    private static func expectOnly(_ known: Set<String>, in fields: JSON, besides other: Set<String>) throws {
        let unknown = (fields.object ?? [:]).keys.filter { !known.contains($0) && !other.contains($0) }
        if !unknown.isEmpty { throw GoldenMismatch("unknown hyperparameter(s) \(unknown.sorted())") }
    }

    private static func number(_ fields: JSON, _ key: String, _ defaultValue: Double? = nil) throws -> Double {
        if let value = fields[key]?.number { return value }
        if fields[key] == nil, let defaultValue { return defaultValue }
        throw GoldenMismatch("hyperparameter \(key) missing or not a number")
    }
}
