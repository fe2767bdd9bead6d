/// Nodes merged by the fusion pass: a head op writes the output buffer, then a chain of
/// element-wise steps updates that buffer in place — one node, one buffer, no intermediates.
///
/// `linear` followed by `relu` becomes `linear+relu`; `gemm` followed by the backward of
/// `relu` becomes `gemmNN+reluGrad`.
public struct FusedKernel: Hashable {
    /// One in-place step of the chain.
    public enum Step: Hashable {
        /// `chain = op(chain)`.
        case unary(GraphOp)
        /// `chain = op(chain, other)` (or `op(other, chain)` when `chainFirst` is false), where
        /// `other` is input number `input` of the fused node, broadcast to the chain's shape.
        case binary(GraphOp, input: Int, chainFirst: Bool)

        /// The step's op.
        public var op: GraphOp {
            switch self {
            case .unary(let op), .binary(let op, _, _): return op
            }
        }
    }

    /// The op that writes the buffer first.
    public let head: GraphOp
    /// How many of the fused node's inputs belong to the head (the rest feed binary steps).
    public let headArity: Int
    /// The element-wise steps, in order.
    public let steps: [Step]
    /// Shape of the result (the head's output shape).
    public let shape: [Int]

    /// `linear+relu`.
    public var label: String { ([head.shortName] + steps.map(\.op.shortName)).joined(separator: "+") }

    /// Whether a node with this op may join a fused chain as a step with one input (unary)
    /// or two inputs (binary).
    static func arity(ofElementwise op: GraphOp) -> Int? {
        switch op {
        case .eager(.unary): return 1
        case .eager(.binary): return 2
        case .derivative(let u): return u.derivativeArity
        default: return nil
        }
    }
}
