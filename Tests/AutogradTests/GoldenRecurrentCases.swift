import Autograd

/// Golden cases of ``RNNCell`` and ``LSTMCell`` (written by `Golden/cases_recurrent.py`): a cell over
/// a whole sequence, an RNNCell over a batch of sequences of different lengths (a loop per example),
/// and an RNNCell with a Linear readout trained by SGD. Parameters are loaded from the case's PyTorch-named `state`.
enum GoldenRecurrentCases {
    static func run(_ golden: JSON, _ check: GoldenCheck) throws {
        let sizes = try self.sizes(golden, count: 2)
        let op = try golden.field("op").string ?? ""
        let cell: RecurrentCell = op == "lstmcell_sequence" ? LSTMCell(sizes[0], sizes[1]) : RNNCell(sizes[0], sizes[1])
        try load(golden.field("state"), into: cell)
        let xs = try golden.field("xs").tensor("xs", requiresGrad: true)
        let outputs: Tensor
        var h0: Tensor?
        var c0: Tensor?
        var cellStateTerm: Tensor?   // LSTM: sum(c_final * upstream_c), backward together with the outputs
        switch (op, cell) {
        case ("lstmcell_sequence", let cell as LSTMCell):
            check.expectOnlyFields(golden, ["sizes", "state", "xs", "h0", "c0", "upstream", "upstream_c", "outputs",
                                            "c_final", "x_grad", "h0_grad", "c0_grad", "param_grads"])
            var state = (h: try golden.field("h0").tensor("h0", requiresGrad: true),
                         c: try golden.field("c0").tensor("c0", requiresGrad: true))
            c0 = state.c
            h0 = state.h
            var states: [Tensor] = []
            for t in 0..<xs.shape[0] {
                state = cell(xs[t], state)
                states.append(state.h)
            }
            outputs = Tensor.stack(states)
            cellStateTerm = (state.c * (try golden.field("upstream_c").tensor("upstream_c"))).sum()
            try check.compare("c_final", state.c, golden.field("c_final"))
        case ("rnncell_sequence", let cell as RNNCell):
            check.expectOnlyFields(golden, ["sizes", "state", "xs", "h0", "upstream", "outputs", "x_grad",
                                            "h0_grad", "param_grads"])
            var h = try golden.field("h0").tensor("h0", requiresGrad: true)
            h0 = h
            var states: [Tensor] = []
            for t in 0..<xs.shape[0] {
                h = cell(xs[t], h)
                states.append(h)
            }
            outputs = Tensor.stack(states)
        case ("rnncell_lengths", let cell as RNNCell):
            check.expectOnlyFields(golden, ["sizes", "lengths", "state", "xs", "upstream", "outputs", "x_grad",
                                            "param_grads"])
            outputs = lastStates(cell, xs, try lengths(golden))
        default:
            throw GoldenMismatch("unknown recurrent op \"\(golden["op"]!)\"")
        }
        let outputTerm = (outputs * (try golden.field("upstream").tensor("upstream"))).sum()
        (cellStateTerm.map { outputTerm + $0 } ?? outputTerm).backward()
        try check.compare("outputs", outputs, golden.field("outputs"))
        if let c0 { try check.compare("c0_grad", c0.grad, golden.field("c0_grad")) }
        try check.compare("x_grad", xs.grad, golden.field("x_grad"))
        if let h0 { try check.compare("h0_grad", h0.grad, golden.field("h0_grad")) }
        guard let grads = try golden.field("param_grads").object else { throw GoldenMismatch("param_grads") }
        let parameters = Dictionary(uniqueKeysWithValues: cell.namedParameters().map { ($0.name, $0.tensor) })
        check.compareExactly("parameter names", parameters.keys.sorted(), grads.keys.map(swiftName).sorted())
        for (name, expected) in grads.sorted(by: { $0.key < $1.key }) {
            try check.compare("grad of \(name)", parameters[swiftName(name)]?.grad, expected)
        }
    }

    static func runTraining(_ golden: JSON, _ check: GoldenCheck) throws {
        check.expectOnlyFields(golden, ["sizes", "lengths", "state", "xs", "y", "lr", "momentum", "losses",
                                        "final_state"])
        let sizes = try self.sizes(golden, count: 3)
        let model = SequenceRegressor(sizes[0], sizes[1], sizes[2], lengths: try lengths(golden))
        try load(golden.field("state"), into: model)
        let hyper = JSON.object(["lr": try golden.field("lr"), "momentum": try golden.field("momentum")])
        let optimizer = try GoldenOptimizerCases.sgd(model.parameters(), hyper)
        let xs = try golden.field("xs").tensor("xs")
        let y = try golden.field("y").tensor("y")
        guard let losses = try golden.field("losses").array else { throw GoldenMismatch("losses") }
        for (step, expected) in losses.enumerated() {
            optimizer.zeroGrad()
            let loss = mseLoss(model(xs), y, reduction: .sum)
            loss.backward()
            optimizer.step()
            try check.compare("loss at step \(step)", loss.item(), expected, relativeOnly: check.file.trainingRelative)
        }
        let final = model.stateDict()
        guard let expected = try golden.field("final_state").object else { throw GoldenMismatch("final_state") }
        check.compareExactly("final_state keys", final.keys.sorted(), expected.keys.map(swiftName).sorted())
        for (name, tensor) in expected.sorted(by: { $0.key < $1.key }) {
            try check.compare("final \(name)", final[swiftName(name)], tensor)
        }
    }

    /// PyTorch's parameter names in the library's spelling: `cell.weight_ih` → `cell.weightIH`.
    static func swiftName(_ name: String) -> String {
        let recurrent = ["weight_ih": "weightIH", "weight_hh": "weightHH", "bias_ih": "biasIH", "bias_hh": "biasHH"]
        return camelCaseName(name.split(separator: ".").map { recurrent[String($0)] ?? String($0) }
            .joined(separator: "."))
    }

    /// Each example's last real hidden state: the cell run from a zero state for that example's own
    /// length only (padding steps are never computed).
    static func lastStates(_ cell: RNNCell, _ xs: Tensor, _ lengths: [Int]) -> Tensor {
        Tensor.stack(lengths.enumerated().map { b, length in
            var h = Tensor.zeros(cell.hiddenSize)
            for t in 0..<length { h = cell(xs[t][b], h) }
            return h
        })
    }

    private static func lengths(_ golden: JSON) throws -> [Int] {
        guard let lengths = try golden.field("lengths").array?.compactMap(\.int), !lengths.isEmpty else {
            throw GoldenMismatch("lengths must be a list of integers")
        }
        return lengths
    }

    private static func sizes(_ golden: JSON, count: Int) throws -> [Int] {
        guard let sizes = try golden.field("sizes").array?.compactMap(\.int), sizes.count == count else {
            throw GoldenMismatch("sizes must be \(count) integers")
        }
        return sizes
    }

    private static func load(_ state: JSON, into model: Module) throws {
        guard let entries = state.object else { throw GoldenMismatch("state is not an object") }
        try model.loadStateDict(StateDict(try entries.sorted(by: { $0.key < $1.key }).map { name, value in
            (swiftName(name), try value.tensor(name))
        }))
    }
}

/// `cases_recurrent.py`'s SequenceRegressor: a cell run over each example for its own length, and a
/// Linear readout of the last hidden states.
final class SequenceRegressor: Module {
    let cell: RNNCell
    let readout: Linear
    let lengths: [Int]

    init(_ inputSize: Int, _ hiddenSize: Int, _ outputSize: Int, lengths: [Int]) {
        cell = RNNCell(inputSize, hiddenSize)
        readout = Linear(hiddenSize, outputSize)
        self.lengths = lengths
        super.init()
    }

    override func forward(_ xs: Tensor) -> Tensor {
        readout(GoldenRecurrentCases.lastStates(cell, xs, lengths))
    }
}
