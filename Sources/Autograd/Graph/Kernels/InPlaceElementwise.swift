#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// In-place element-wise kernels for fused chains, and the element-wise backward ops.
///
/// Each op is switched on once per buffer; the per-element loops are specialized closures.
enum Elementwise {
    typealias Input = (UnsafeBufferPointer<Float>, [Int])

    /// `buffer[i] = op(buffer[i])` for a one-input element-wise op.
    static func applyUnary(_ op: GraphOp, _ buffer: UnsafeMutableBufferPointer<Float>) {
        guard case .eager(let eager) = op else { preconditionFailure("\(op.shortName) is not unary element-wise") }
        switch eager {
        case .addScalar(let s): map(buffer) { $0 + s }
        case .subScalar(let s): map(buffer) { $0 - s }
        case .rsubScalar(let s): map(buffer) { s - $0 }
        case .mulScalar(let s): map(buffer) { $0 * s }
        case .divScalar(let s): map(buffer) { $0 / s }
        case .rdivScalar(let s): map(buffer) { s / $0 }
        case .powScalar(let p): map(buffer) { powf($0, p) }
        case .neg: map(buffer) { -$0 }
        case .exp: map(buffer) { expf($0) }
        case .log: map(buffer) { logf($0) }
        case .sqrt: map(buffer) { $0.squareRoot() }
        case .abs: map(buffer) { Swift.abs($0) }
        case .relu: map(buffer) { $0 > 0 ? $0 : 0 }
        case .sigmoid: map(buffer) { 1 / (1 + expf(-$0)) }
        case .tanh: map(buffer) { tanhf($0) }
        case let .clamp(lo, hi):
            let low = lo ?? -.infinity, high = hi ?? .infinity
            map(buffer) { Swift.min(Swift.max($0, low), high) }
        default: preconditionFailure("\(eager.label) is not unary element-wise")
        }
    }

    /// `chain = op(chain, other)` (or `op(other, chain)`), `other` broadcast to `shape`.
    static func applyBinary(_ op: GraphOp, _ chain: UnsafeMutableBufferPointer<Float>, shape: [Int],
                            other: Input, chainFirst: Bool) {
        switch op {
        case .eager(.add): combine(chain, shape, other, chainFirst) { $0 + $1 }
        case .eager(.sub): combine(chain, shape, other, chainFirst) { $0 - $1 }
        case .eager(.mul): combine(chain, shape, other, chainFirst) { $0 * $1 }
        case .eager(.div): combine(chain, shape, other, chainFirst) { $0 / $1 }
        case .reluGrad: combine(chain, shape, other, chainFirst) { $0 > 0 ? $1 : 0 }
        case .sigmoidGrad: combine(chain, shape, other, chainFirst) { $1 * $0 * (1 - $0) }
        case .tanhGrad: combine(chain, shape, other, chainFirst) { $1 * (1 - $0 * $0) }
        case .absGrad: combine(chain, shape, other, chainFirst) { $0 > 0 ? $1 : ($0 < 0 ? -$1 : 0) }
        case let .clampGrad(lo, hi):
            let low = lo ?? -.infinity, high = hi ?? .infinity
            // Zero only outside [low, high], as the eager backward: a NaN input passes the gradient.
            combine(chain, shape, other, chainFirst) { $0 < low || $0 > high ? 0 : $1 }
        default: preconditionFailure("\(op.shortName) is not binary element-wise")
        }
    }

    /// `out = op(a, b)` for the same-shape backward ops (`reluGrad`, ...): copies `a`, then combines.
    static func zip(_ op: GraphOp, _ a: Input, _ b: Input, into out: UnsafeMutableBufferPointer<Float>) {
        _ = out.initialize(from: a.0)
        applyBinary(op, out, shape: a.1, other: b, chainFirst: true)
    }

    @inline(__always)
    private static func map(_ buffer: UnsafeMutableBufferPointer<Float>, _ f: (Float) -> Float) {
        for i in 0..<buffer.count { buffer[i] = f(buffer[i]) }
    }

    @inline(__always)
    private static func combine(_ chain: UnsafeMutableBufferPointer<Float>, _ shape: [Int], _ other: Input,
                                _ chainFirst: Bool, _ f: (Float, Float) -> Float) {
        let o = other.0
        let n = chain.count
        if o.count == n {
            if chainFirst { for i in 0..<n { chain[i] = f(chain[i], o[i]) } }
            else { for i in 0..<n { chain[i] = f(o[i], chain[i]) } }
        } else if o.count == 1 {
            let s = o[0]
            if chainFirst { for i in 0..<n { chain[i] = f(chain[i], s) } }
            else { for i in 0..<n { chain[i] = f(s, chain[i]) } }
        } else if isTrailing(other.1, of: shape) {
            // A row broadcast over leading dimensions (a bias): index modulo its size.
            let m = o.count
            var base = 0
            while base < n {
                if chainFirst { for j in 0..<m { chain[base + j] = f(chain[base + j], o[j]) } }
                else { for j in 0..<m { chain[base + j] = f(o[j], chain[base + j]) } }
                base += m
            }
        } else {
            var expanded = [Float](repeating: 0, count: n)
            expanded.withUnsafeMutableBufferPointer { Kernels.expand(o, other.1, $0, shape) }
            if chainFirst { for i in 0..<n { chain[i] = f(chain[i], expanded[i]) } }
            else { for i in 0..<n { chain[i] = f(expanded[i], chain[i]) } }
        }
    }

    /// Whether `small` (ignoring leading 1s) equals the trailing dimensions of `shape`.
    private static func isTrailing(_ small: [Int], of shape: [Int]) -> Bool {
        let trimmed = Array(small.drop { $0 == 1 })
        return trimmed.count <= shape.count && Array(shape.suffix(trimmed.count)) == trimmed
    }
}
