import Autograd

/// A small random program over the static-graph vocabulary, kept as data so that it can be run
/// three ways (eager tape, graph without passes, graph under each subset of passes), shrunk, and
/// printed as Swift source.
///
/// Every statement defines one value `v<id>`. Values are leaves (placeholders, parameters, ties of a
/// parameter, constants), ops on earlier values, or a `cond` whose branches are blocks of their own
/// (eager code runs only the branch taken). The statements before the update define the loss; the
/// `after` statements are built after `StaticSGD.update` in the graph.
struct RandomProgram {
    var body: [Statement]
    /// The scalar value differentiated (its gradient w.r.t. every parameter is compared).
    var loss: Int
    /// Statements built after `StaticSGD.update` (plain forward values, fetched like any other).
    var after: [Statement]
    /// The values fetched besides the loss.
    var fetches: [Int]
    /// The training part, when the program trains its parameters.
    var training: Training?

    /// k steps of SGD over `updated` (parameter or tie ids, in order, repeats allowed).
    struct Training {
        var steps: Int
        var lr: Double, momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool
        var updated: [Int]
    }

    /// All top-level statements in build order.
    var statements: [Statement] { body + after }
}

/// `v<id> = instruction`, with the value's shape.
struct Statement {
    let id: Int
    var instruction: Instruction
    let shape: [Int]
}

/// How eager code reads a cond's predicate into Swift: every way a program can read a tensor's
/// value, so the trace check sees each one (chosen by the cond's id).
enum PredicateRead: CaseIterable {
    case item, float, bool, data

    init(cond id: Int) { self = PredicateRead.allCases[id % PredicateRead.allCases.count] }

    /// Whether the predicate `t` holds, read this way.
    func holds(_ t: Tensor) -> Bool {
        switch self {
        case .item: return t.item() != 0
        case .float: return Float(t) != 0
        case .bool: return Bool(t)
        case .data: return t.data[0] != 0
        }
    }

    /// The condition of the eager `if`, as Swift source.
    func source(_ name: String) -> String {
        switch self {
        case .item: return "\(name).item() != 0"
        case .float: return "Float(\(name)) != 0"
        case .bool: return "Bool(\(name))"
        case .data: return "\(name).data[0] != 0"
        }
    }
}

/// A `cond` branch: its own statements and the value it returns.
struct Block {
    var statements: [Statement]
    var result: Int
}

indirect enum Instruction {
    case input(name: String, values: [Float])
    case parameter(name: String, values: [Float])
    /// The same tensor as parameter `of`, bound again under another name (a tied weight).
    case tie(name: String, of: Int)
    case constant(values: [Float])
    case op(GraphProgramOp, [Int])
    case cond(predicate: Int, then: Block, else: Block)

    /// The values the instruction reads (for a cond: the predicate and everything its branches read
    /// from outside them).
    var reads: [Int] {
        switch self {
        case .input, .parameter, .constant: return []
        case .tie(_, let of): return [of]
        case .op(_, let args): return args
        case let .cond(predicate, then, otherwise):
            return [predicate] + then.outsideReads + otherwise.outsideReads
        }
    }
}

extension Block {
    /// The values the block reads that it does not define.
    var outsideReads: [Int] {
        let defined = Set(statements.map(\.id))
        let reads = statements.flatMap(\.instruction.reads) + [result]
        return reads.filter { !defined.contains($0) }
    }
}

/// The ops a statement can apply, each spelled the same way in both APIs where the APIs agree.
enum GraphProgramOp: Equatable {
    enum Unary: String { case neg, exp, log, sqrt, abs, relu, sigmoid, tanh }
    enum Scalar: String { case add, sub, rsub, mul, div, rdiv, pow }
    enum Binary: String { case add, sub, mul, div }

    case binary(Binary)
    case scalar(Scalar, Float)
    case unary(Unary)
    case clamp(min: Float?, max: Float?)
    case matmul
    case linear(bias: Bool)
    case sum, mean
    case sumDim(Int, keepdim: Bool), meanDim(Int, keepdim: Bool), maxDim(Int, keepdim: Bool)
    case softmax(Int), logSoftmax(Int)
    case reshape([Int])
    case transpose(Int, Int)
    case index(Int)
    case slice(dim: Int, start: Int, end: Int)
    case cat(dim: Int), stack(dim: Int)
    case compare(Comparison, Float)
    /// `select(condition, a, b)` / `Tensor.where`.
    case select
    case mse(Reduction)
    case crossEntropy([Int], Reduction)
    case nll([Int], Reduction)

    /// Whether gradients flow through the op's result (comparisons carry none).
    var isDifferentiable: Bool {
        if case .compare = self { return false }
        return true
    }
}
