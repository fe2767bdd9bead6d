import Autograd

/// Golden cases of whole models: DynamicNet at a given depth, SharedNet with tied weights, and a
/// DynamicNet trained by SGD with a depth given per step. Models start from the case's `state`,
/// loaded through ``Module/loadStateDict(_:strict:)``; the loss is MSE summed.
enum GoldenModelCases {
    static func runModel(_ golden: JSON, _ check: GoldenCheck) throws {
        let op = try golden.field("op").string ?? ""
        let model: Module
        switch op {
        case "dynamicnet":
            check.expectOnlyFields(golden, ["sizes", "depth", "state", "x", "y", "output", "loss", "param_grads",
                                            "param_count"])
            let net = try dynamicNet(golden)
            guard let depth = try golden.field("depth").int else { throw GoldenMismatch("depth is not an integer") }
            net.depth = depth
            model = net
        case "sharednet":
            check.expectOnlyFields(golden, ["sizes", "state", "x", "y", "output", "loss", "param_grads",
                                            "named_parameters", "state_dict_keys", "param_count",
                                            "param_count_untied"])
            let sizes = try self.sizes(golden)
            let net = SharedNet(sizes[0], sizes[1], sizes[2])
            try net.tieWeights()
            try load(golden.field("state"), into: net)
            try compareNames(golden, net, check)
            model = net
        default:
            throw GoldenMismatch("unknown model \"\(op)\"")
        }
        let x = try golden.field("x").tensor("x")
        let y = try golden.field("y").tensor("y")
        let output = model(x)
        let loss = mseLoss(output, y, reduction: .sum)
        loss.backward()
        try check.compare("output", output, golden.field("output"))
        try check.compare("loss", loss.item(), golden.field("loss"))
        check.compareExactly("param_count", model.parameterCount, try golden.field("param_count").int ?? -1)
        let parameters = Dictionary(model.namedParameters(removeDuplicates: false).map { ($0.name, $0.tensor) },
                                    uniquingKeysWith: { first, _ in first })
        guard let grads = try golden.field("param_grads").object else { throw GoldenMismatch("param_grads") }
        for (name, expected) in grads.sorted(by: { $0.key < $1.key }) {
            guard let parameter = parameters[camelCaseName(name)] else {
                check.problems.append("param_grads: the model has no parameter \(camelCaseName(name))")
                continue
            }
            try check.compare("grad of \(name)", parameter.grad, expected)
        }
    }

    static func runTraining(_ golden: JSON, _ check: GoldenCheck) throws {
        guard golden["op"]?.string == "dynamicnet_sgd" else { throw GoldenMismatch("unknown training op") }
        check.expectOnlyFields(golden, ["sizes", "state", "x", "y", "lr", "momentum", "dampening", "weight_decay",
                                        "nesterov", "loss", "depths", "losses", "final_state"])
        let net = try dynamicNet(golden)
        let reduction: Reduction
        switch try golden.field("loss").string ?? "" {
        case "mse_sum": reduction = .sum
        case "mse_mean": reduction = .mean
        default: throw GoldenMismatch("unknown training loss \(golden["loss"]!)")
        }
        let optimizer = try GoldenOptimizerCases.sgd(net.parameters(), golden)
        let x = try golden.field("x").tensor("x")
        let y = try golden.field("y").tensor("y")
        guard let depths = try golden.field("depths").array?.compactMap(\.int),
              let losses = try golden.field("losses").array, losses.count == depths.count else {
            throw GoldenMismatch("depths and losses must be lists of one length")
        }
        for (step, depth) in depths.enumerated() {
            net.depth = depth
            optimizer.zeroGrad()
            let loss = mseLoss(net(x), y, reduction: reduction)
            loss.backward()
            optimizer.step()
            try check.compare("loss at step \(step)", loss.item(), losses[step],
                              relativeOnly: check.file.trainingRelative)
        }
        let final = net.stateDict()
        guard let expected = try golden.field("final_state").object else { throw GoldenMismatch("final_state") }
        check.compareExactly("final_state keys", final.keys.sorted(), expected.keys.map(camelCaseName).sorted())
        for (name, tensor) in expected.sorted(by: { $0.key < $1.key }) {
            try check.compare("final \(name)", final[camelCaseName(name)], tensor)
        }
    }

    /// A DynamicNet of the case's sizes with the case's state loaded.
    private static func dynamicNet(_ golden: JSON) throws -> DynamicNet {
        let sizes = try self.sizes(golden)
        let net = DynamicNet(sizes[0], sizes[1], sizes[2])
        try load(golden.field("state"), into: net)
        return net
    }

    private static func sizes(_ golden: JSON) throws -> [Int] {
        guard let sizes = try golden.field("sizes").array?.compactMap(\.int), sizes.count == 3 else {
            throw GoldenMismatch("sizes must be [input, hidden, output]")
        }
        return sizes
    }

    /// Loads a PyTorch-named state (strictly: every name must match after camel-casing).
    private static func load(_ state: JSON, into model: Module) throws {
        guard let entries = state.object else { throw GoldenMismatch("state is not an object") }
        let dict = StateDict(try entries.sorted(by: { $0.key < $1.key }).map { name, value in
            (camelCaseName(name), try value.tensor(name))
        })
        try model.loadStateDict(dict)
    }

    /// SharedNet's names and counts: PyTorch lists a tied weight once in `named_parameters`, under
    /// every name in `state_dict`.
    private static func compareNames(_ golden: JSON, _ model: Module, _ check: GoldenCheck) throws {
        let names = try golden.field("named_parameters").array?.compactMap(\.string) ?? []
        check.compareExactly("named_parameters", model.namedParameters().map(\.name), names.map(camelCaseName))
        let keys = try golden.field("state_dict_keys").array?.compactMap(\.string) ?? []
        check.compareExactly("state_dict keys", model.stateDict().keys, keys.map(camelCaseName))
        let untied = model.namedParameters(removeDuplicates: false).reduce(0) { $0 + $1.tensor.count }
        check.compareExactly("param_count_untied", untied, try golden.field("param_count_untied").int ?? -1)
    }
}
