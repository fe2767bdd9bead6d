// An internal import: CBLAS is no part of Autograd's interface. Without library evolution clients
// still load the module, so programs linking the static library pass `-I Sources/CBLAS` (the lesson
// runner does); `@_implementationOnly` would spare that but is deprecated for this use and warned
// about once per file of the module.
internal import CBLAS

extension Kernels {
    /// `c = alpha * op(a) * op(b) + beta * c` for row-major matrices through OpenBLAS's `cblas_sgemm`,
    /// where `op(a)` is `m×k` (`a` is stored `k×m` when `transA`) and `op(b)` is `k×n`.
    @inline(__always)
    static func gemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                     alpha: Float = 1, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                     beta: Float = 0, _ c: UnsafeMutablePointer<Float>) {
        guard m > 0 && n > 0 else { return }
        guard k > 0 else {
            if beta == 0 { for i in 0..<(m * n) { c[i] = 0 } } else { for i in 0..<(m * n) { c[i] *= beta } }
            return
        }
        cblas_sgemm(CblasRowMajor,
                    transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(transA ? m : k), b, Int32(transB ? k : n),
                    beta, c, Int32(n))
    }

    /// The matrix dimensions of `torch.matmul` for 1-D and 2-D operands: `a` is `m×k`, `b` is `k×n`
    /// (a vector on the left is one row, a vector on the right one column).
    static func matmulDimensions(_ aShape: [Int], _ bShape: [Int]) -> (m: Int, k: Int, n: Int) {
        let m = aShape.count == 2 ? aShape[0] : 1
        let k = aShape[aShape.count - 1]
        let n = bShape.count == 2 ? bShape[1] : 1
        return (m, k, n)
    }

    /// `out = a @ b` (`torch.matmul` for 1-D and 2-D tensors).
    static func matmul(_ a: UnsafeBufferPointer<Float>, _ aShape: [Int],
                       _ b: UnsafeBufferPointer<Float>, _ bShape: [Int], _ out: UnsafeMutableBufferPointer<Float>) {
        let (m, k, n) = matmulDimensions(aShape, bShape)
        guard let op = out.baseAddress else { return }
        guard let ap = a.baseAddress, let bp = b.baseAddress else {
            for i in 0..<out.count { op[i] = 0 }
            return
        }
        gemm(m: m, n: n, k: k, ap, bp, op)
    }

    /// `out = x @ weight^T + bias` with `x` of `[n, in]` (or `[in]`), `weight` of `[out, in]`: the bias
    /// is broadcast into `out` first and added by the same `sgemm` (beta = 1).
    static func linear(_ x: UnsafeBufferPointer<Float>, _ xShape: [Int], _ weight: UnsafeBufferPointer<Float>,
                       _ wShape: [Int], bias: UnsafeBufferPointer<Float>?, _ out: UnsafeMutableBufferPointer<Float>) {
        let rows = xShape.count == 2 ? xShape[0] : 1
        let (outFeatures, inFeatures) = (wShape[0], wShape[1])
        guard let op = out.baseAddress else { return }
        if let bias, let bp = bias.baseAddress {
            for r in 0..<rows { (op + r * outFeatures).update(from: bp, count: outFeatures) }
        }
        guard let xp = x.baseAddress, let wp = weight.baseAddress else {
            if bias == nil { for i in 0..<out.count { op[i] = 0 } }
            return
        }
        gemm(transB: true, m: rows, n: outFeatures, k: inFeatures, xp, wp, beta: bias == nil ? 0 : 1, op)
    }
}
