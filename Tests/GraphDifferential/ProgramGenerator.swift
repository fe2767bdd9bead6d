import Autograd

/// Generates random well-shaped ``RandomProgram``s from a seed.
///
/// A seeded generator of our own rather than `x-sheep/swift-property-based`: a program is only
/// valid when every op's shapes agree, so both generating and shrinking must follow the shape
/// rules of each op (a generic shrinker over random choices mostly yields programs that no
/// longer type-check), and a failure must print as graph and eager Swift source, which only the
/// program's own structure can do. A seed (a `UInt64`) reproduces a case exactly, with no
/// dependency added to the test target.
struct ProgramGenerator {
    private var rng: SplitMix64
    private var nextID = 0
    /// The top-level statements so far (leaves made while a branch is generated go here too).
    private var body: [Statement] = []
    /// Values visible where the next statement goes (top level, or top level plus the branch's own).
    private var scope: [Statement] = []
    private var positive: Set<Int> = []
    private var depth = 0

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func program() -> RandomProgram {
        let count = int(2...9)
        for _ in 0..<count { statement() }
        // A parameter always reaches the loss, so it has something to train.
        if !body.contains(where: { if case .parameter = $0.instruction { return true } else { return false } }) {
            _ = leaf(shape: randomShape(), kind: 1)
        }
        // The loss: a sum of reductions of recent values and of some parameters.
        let terms = Array(Set((0..<int(1...3)).map { _ in pick(scope.suffix(4)) }.map(\.id)
                                 + parameters.filter { _ in chance(0.5) }.map(\.id))).sorted()
        var loss: Statement? = nil
        for id in terms {
            let reduce = add(.op(chance(0.5) ? .sum : .mean, [id]), shape: [])
            loss = loss.map { add(.op(.binary(.add), [$0.id, reduce.id]), shape: []) } ?? reduce
        }
        let lossValue = loss ?? add(.op(.sum, [parameters[0].id]), shape: [])
        let mainEnd = body.count
        var after: [Statement] = []
        let training: RandomProgram.Training? = chance(0.7) ? makeTraining() : nil
        if training != nil || chance(0.3) {
            for _ in 0..<int(0...3) { statement() }
            after = Array(body[mainEnd...])
            body.removeSubrange(mainEnd...)
            // Leaves are declared with the body (placeholders and variables come first in a graph).
            let leaves = after.filter { if case .op = $0.instruction { return false }; if case .cond = $0.instruction { return false }; return true }
            body += leaves
            after.removeAll { s in leaves.contains { $0.id == s.id } }
        }
        let candidates = (body + after).filter { $0.id != lossValue.id }
        var fetches = Set((0..<int(0...3)).compactMap { _ in candidates.isEmpty ? nil : pick(candidates).id })
        fetches.formUnion(after.suffix(2).map(\.id))
        return RandomProgram(body: body, loss: lossValue.id, after: after, fetches: fetches.sorted(), training: training)
    }

    // MARK: - Statements

    private var parameters: [Statement] {
        body.filter { if case .parameter = $0.instruction { return true } else { return false } }
    }

    private mutating func makeTraining() -> RandomProgram.Training {
        let momentum: Double = chance(0.5) ? 0.9 : 0
        let dampening: Double = momentum != 0 && chance(0.3) ? 0.5 : 0
        let ids = body.filter { s in
            if case .parameter = s.instruction { return true }
            if case .tie = s.instruction { return true }
            return false
        }.map(\.id)
        var updated = ids.filter { _ in chance(0.85) }
        if updated.isEmpty { updated = [ids[0]] }
        if chance(0.25) { updated.append(pick(updated)) }
        updated.shuffle(using: &rng)
        return .init(steps: int(1...3), lr: pick([0.1, 0.05, 0.3]), momentum: momentum, dampening: dampening,
                     weightDecay: chance(0.3) ? 0.01 : 0, nesterov: momentum != 0 && dampening == 0 && chance(0.3),
                     updated: updated)
    }

    /// Adds one random statement to the current scope.
    private mutating func statement() {
        // A shared subexpression: the same op on the same values again.
        if chance(0.1), let old = scope.filter({ if case .op = $0.instruction { return true } else { return false } }).last {
            add(old.instruction, shape: old.shape, positive: positive.contains(old.id))
            return
        }
        switch int(0...19) {
        case 0...3: binary()
        case 4...5: scalarForm()
        case 6...8: unary()
        case 9: matmul()
        case 10: reduction()
        case 11: softmaxFamily()
        case 12: reshapeOrTranspose()
        case 13: indexOrSlice()
        case 14: catOrStack()
        case 15: selectOp()
        case 16: if depth < 2 { cond() } else { unary() }
        case 17: loss()
        default: _ = leaf(shape: randomShape())
        }
    }

    private mutating func binary() {
        let op = pick([GraphProgramOp.Binary.add, .sub, .mul, .div])
        let a = operand()
        let bShape = chance(0.5) ? a.shape : broadcastable(to: a.shape)
        let b = op == .div ? positiveOperand(shape: bShape) : operand(shape: bShape)
        let (x, y) = op != .div && chance(0.3) ? (b, a) : (a, b)
        add(.op(.binary(op), [x.id, y.id]), shape: a.shape,  // b broadcasts to a's shape
            positive: op != .sub && positive.contains(x.id) && positive.contains(y.id))
    }

    private mutating func scalarForm() {
        let op = pick([GraphProgramOp.Scalar.add, .sub, .rsub, .mul, .div, .rdiv, .pow])
        let needsPositive = op == .rdiv || op == .pow
        let a = needsPositive ? positiveOperand(shape: operand().shape) : operand()
        let s: Float = op == .pow ? pick([2, 3, 0.5]) : pick([0.5, 2, -1.5, 3])
        let stays = positive.contains(a.id) && (op == .mul || op == .div || op == .rdiv || op == .pow || op == .add) && s > 0
        add(.op(.scalar(op, s), [a.id]), shape: a.shape, positive: stays || (op == .add && s > 0 && isNonNegative(a.id)))
    }

    private mutating func unary() {
        let op = pick([GraphProgramOp.Unary.neg, .exp, .log, .sqrt, .abs, .relu, .sigmoid, .tanh, .abs])
        if chance(0.1) {
            let a = operand()
            add(.op(.clamp(min: chance(0.7) ? -0.5 : nil, max: chance(0.7) ? 1 : nil), [a.id]), shape: a.shape)
            return
        }
        // log and sqrt of a possibly-zero value only inside a branch (the trap of an untaken branch).
        let a = (op == .log || op == .sqrt) && !(depth > 0 && chance(0.5)) ? positiveOperand(shape: operand().shape) : operand()
        add(.op(.unary(op), [a.id]), shape: a.shape,
            positive: op == .exp || op == .sigmoid || ((op == .sqrt) && positive.contains(a.id)))
    }

    private mutating func matmul() {
        let a = operand(rank: 2)
        let n = int(1...3)
        if chance(0.5) {
            let b = operand(shape: [a.shape[1], n])
            add(.op(.matmul, [a.id, b.id]), shape: [a.shape[0], n])
        } else {
            let w = operand(shape: [n, a.shape[1]])
            let bias = chance(0.7) ? operand(shape: [n]) : nil
            add(.op(.linear(bias: bias != nil), [a.id, w.id] + (bias.map { [$0.id] } ?? [])), shape: [a.shape[0], n])
        }
    }

    private mutating func reduction() {
        let a = operand(minRank: 1)
        switch int(0...4) {
        case 0: add(.op(.sum, [a.id]), shape: [])
        case 1: add(.op(.mean, [a.id]), shape: [])
        default:
            let d = int(0...(a.shape.count - 1)), keep = chance(0.5)
            var shape = a.shape
            if keep { shape[d] = 1 } else { shape.remove(at: d) }
            let op: GraphProgramOp = pick([.sumDim(d, keepdim: keep), .meanDim(d, keepdim: keep), .maxDim(d, keepdim: keep)])
            add(.op(op, [a.id]), shape: shape)
        }
    }

    private mutating func softmaxFamily() {
        let a = operand(minRank: 1)
        let d = int(0...(a.shape.count - 1))
        let soft = chance(0.5)
        add(.op(soft ? .softmax(d) : .logSoftmax(d), [a.id]), shape: a.shape, positive: soft)
    }

    private mutating func reshapeOrTranspose() {
        let a = operand(minRank: 1)
        if a.shape.count >= 2 && chance(0.5) {
            let d0 = int(0...(a.shape.count - 1)), d1 = int(0...(a.shape.count - 1))
            var shape = a.shape
            shape.swapAt(d0, d1)
            add(.op(.transpose(d0, d1), [a.id]), shape: shape, positive: positive.contains(a.id))
        } else {
            let count = a.shape.reduce(1, *)
            let divisors = (1...count).filter { count % $0 == 0 }
            let first = pick(divisors)
            let shape = chance(0.4) ? [count] : [first, count / first]
            add(.op(.reshape(shape), [a.id]), shape: shape, positive: positive.contains(a.id))
        }
    }

    private mutating func indexOrSlice() {
        let a = operand(minRank: 1)
        if chance(0.4) {
            add(.op(.index(int(0...(a.shape[0] - 1))), [a.id]), shape: Array(a.shape.dropFirst()), positive: positive.contains(a.id))
        } else {
            let d = int(0...(a.shape.count - 1))
            let start = int(0...(a.shape[d] - 1)), end = int((start + 1)...a.shape[d])
            var shape = a.shape
            shape[d] = end - start
            add(.op(.slice(dim: d, start: start, end: end), [a.id]), shape: shape, positive: positive.contains(a.id))
        }
    }

    private mutating func catOrStack() {
        let a = operand(minRank: 1)
        if chance(0.5) {
            let d = int(0...(a.shape.count - 1))
            var other = a.shape
            other[d] = int(1...3)
            let b = operand(shape: other)
            var shape = a.shape
            shape[d] += other[d]
            add(.op(.cat(dim: d), [a.id, b.id]), shape: shape)
        } else {
            let d = int(0...a.shape.count)
            let b = operand(shape: a.shape)
            var shape = a.shape
            shape.insert(2, at: d)
            add(.op(.stack(dim: d), [a.id, b.id]), shape: shape)
        }
    }

    private mutating func selectOp() {
        let a = operand()
        let condition = compare(operand(shape: a.shape))
        let b = operand(shape: broadcastable(to: a.shape))
        add(.op(.select, [condition.id, a.id, b.id]), shape: a.shape)
    }

    /// `if` in eager code, `Graph.cond` in the graph: both branches compute a value of one shape
    /// from values outside them; eager code runs one.
    private mutating func cond() {
        let base = operand()
        let source = chance(0.5) ? operand(shape: []) : add(.op(.sum, [operand().id]), shape: [])
        let predicate = compare(source)
        let outer = scope
        func branch(_ generator: inout ProgramGenerator) -> Block {
            generator.depth += 1
            let outerIDs = Set(outer.map(\.id))
            var current = base
            for _ in 0..<generator.int(0...2) {
                generator.statement()
                // Keep each branch a chain ending in the shape of `base`.
                if let last = generator.scope.last, !outerIDs.contains(last.id), last.shape == base.shape { current = last }
            }
            let finish = generator.int(0...2)
            if finish == 1 || current.id == base.id {
                let op = generator.pick([GraphProgramOp.Unary.log, .sqrt, .exp, .tanh, .neg])
                current = generator.add(.op(.unary(op), [current.id]), shape: base.shape)
            } else if finish == 2 {
                let other = generator.operand(shape: generator.broadcastable(to: base.shape))
                current = generator.add(.op(.binary(.mul), [current.id, other.id]), shape: base.shape)
            }
            // The branch's own statements (leaves it needed were declared at top level).
            let topLevel = Set(generator.body.map(\.id))
            let statements = generator.scope.filter { !outerIDs.contains($0.id) && !topLevel.contains($0.id) }
            generator.depth -= 1
            generator.scope = outer
            return Block(statements: statements, result: current.id)
        }
        let then = branch(&self)
        let otherwise = branch(&self)
        add(.cond(predicate: predicate.id, then: then, else: otherwise), shape: base.shape)
    }

    private mutating func loss() {
        switch int(0...2) {
        case 0:
            let a = operand()
            let b = operand(shape: a.shape)
            let r = pick([Reduction.mean, .sum, .none])
            add(.op(.mse(r), [a.id, b.id]), shape: r == .none ? a.shape : [])
        default:
            let logits = operand(rank: 2)
            let targets = (0..<logits.shape[0]).map { _ in int(0...(logits.shape[1] - 1)) }
            let r = pick([Reduction.mean, .sum, .none])
            let shape = r == .none ? [logits.shape[0]] : []
            if chance(0.5) {
                add(.op(.crossEntropy(targets, r), [logits.id]), shape: shape)
            } else {
                let logProbs = add(.op(.logSoftmax(1), [logits.id]), shape: logits.shape)
                add(.op(.nll(targets, r), [logProbs.id]), shape: shape)
            }
        }
    }

    private mutating func compare(_ a: Statement) -> Statement {
        let c = pick([Comparison.gt, .lt, .ge, .le, .eq])
        return add(.op(.compare(c, pick([0, 0.5, -0.25])), [a.id]), shape: a.shape)
    }

    // MARK: - Operands

    /// A value from the scope (recent ones more often), or a new leaf.
    private mutating func operand() -> Statement {
        if scope.isEmpty || chance(0.15) { return leaf(shape: randomShape()) }
        return pick(Array(scope.suffix(chance(0.6) ? 3 : scope.count)))
    }

    private mutating func operand(shape: [Int]) -> Statement {
        let matching = scope.filter { $0.shape == shape }
        if !matching.isEmpty && chance(0.6) { return pick(matching) }
        return leaf(shape: shape)
    }

    private mutating func operand(rank: Int) -> Statement {
        let matching = scope.filter { $0.shape.count == rank }
        if !matching.isEmpty && chance(0.7) { return pick(matching) }
        return leaf(shape: (0..<rank).map { _ in int(1...3) })
    }

    private mutating func operand(minRank: Int) -> Statement {
        let matching = scope.filter { $0.shape.count >= minRank }
        if !matching.isEmpty && chance(0.8) { return pick(matching) }
        return leaf(shape: (0..<int(minRank...3)).map { _ in int(1...3) })
    }

    private mutating func positiveOperand(shape: [Int]) -> Statement {
        let matching = scope.filter { $0.shape == shape && positive.contains($0.id) }
        if !matching.isEmpty && chance(0.6) { return pick(matching) }
        if !scope.isEmpty && chance(0.5) {
            // |x| + c, a positive value built from one in scope.
            let x = operand(shape: shape)
            let magnitude = add(.op(.unary(.abs), [x.id]), shape: shape)
            return add(.op(.scalar(.add, 0.5), [magnitude.id]), shape: shape, positive: true)
        }
        return leaf(shape: shape, positiveValues: true)
    }

    /// `shape` with some leading dimensions dropped and some others set to 1.
    private mutating func broadcastable(to shape: [Int]) -> [Int] {
        var result = Array(shape.dropFirst(int(0...shape.count)))
        for i in result.indices where chance(0.3) { result[i] = 1 }
        return result
    }

    private func isNonNegative(_ id: Int) -> Bool {
        guard let s = scope.first(where: { $0.id == id }) else { return false }
        if case .op(.unary(let op), _) = s.instruction { return op == .abs || op == .relu }
        return positive.contains(id)
    }

    /// A new placeholder, parameter (or a tie of one of that shape) or constant, made at top level.
    private mutating func leaf(shape: [Int], positiveValues: Bool = false, kind: Int? = nil) -> Statement {
        let count = shape.reduce(1, *)
        let values = (0..<count).map { _ in positiveValues ? Float(int(2...8)) * 0.25 : Float(int(-8...8)) * 0.25 }
        let id = nextID
        let instruction: Instruction
        switch kind ?? int(0...3) {
        case 0: instruction = .input(name: "x\(id)", values: values)
        case 1, 2:
            let same = parameters.filter { $0.shape == shape }
            if !positiveValues && !same.isEmpty && chance(0.3) {
                instruction = .tie(name: "p\(id)", of: pick(same).id)
            } else {
                instruction = .parameter(name: "p\(id)", values: values)
            }
        default: instruction = .constant(values: values)
        }
        let statement = Statement(id: id, instruction: instruction, shape: shape)
        nextID += 1
        body.append(statement)
        scope.insert(statement, at: 0)
        if positiveValues { positive.insert(id) }
        return statement
    }

    @discardableResult
    private mutating func add(_ instruction: Instruction, shape: [Int], positive isPositive: Bool = false) -> Statement {
        let statement = Statement(id: nextID, instruction: instruction, shape: shape)
        nextID += 1
        if depth == 0 { body.append(statement) }
        scope.append(statement)
        if isPositive { positive.insert(statement.id) }
        return statement
    }

    // MARK: - Randomness

    private mutating func randomShape() -> [Int] { (0..<int(0...3)).map { _ in int(1...3) } }
    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    private mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    private mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    private mutating func pick(_ items: ArraySlice<Statement>) -> Statement { pick(Array(items)) }
}

/// SplitMix64: a tiny seeded generator, so a seed reproduces a program on every platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
