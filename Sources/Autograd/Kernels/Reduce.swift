#if canImport(Glibc)
import Glibc
#endif

extension Kernels {
    /// Sums `x` of `shape` along `dim` (nil: all elements) into `out`; `scale` multiplies the result
    /// (1 for sum, 1/n for mean).
    static func sum(_ x: UnsafeBufferPointer<Float>, _ shape: [Int], dim: Int?, scale: Float,
                    _ out: UnsafeMutableBufferPointer<Float>) {
        guard let op = out.baseAddress else { return }
        guard let dim, !shape.isEmpty else {
            var total: Float = 0
            for v in x { total += v }
            op[0] = total * scale
            return
        }
        let (outer, size, inner) = Shapes.split(shape, at: dim)
        guard let xp = x.baseAddress else {
            for i in 0..<out.count { op[i] = 0 }
            return
        }
        for o in 0..<outer {
            let dst = op + o * inner
            for i in 0..<inner { dst[i] = 0 }
            for k in 0..<size {
                let src = xp + (o * size + k) * inner
                for i in 0..<inner { dst[i] += src[i] }
            }
            if scale != 1 { for i in 0..<inner { dst[i] *= scale } }
        }
    }

    /// The maximum of `x` along `dim` into `out`, and the index of the first maximum of each slice
    /// into `indices` (when given). NaN wins, as in PyTorch.
    static func max(_ x: UnsafeBufferPointer<Float>, _ shape: [Int], dim: Int,
                    _ out: UnsafeMutableBufferPointer<Float>, indices: UnsafeMutableBufferPointer<Int>?) {
        let (outer, size, inner) = Shapes.split(shape, at: dim)
        guard let xp = x.baseAddress, let op = out.baseAddress else { return }
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * size * inner + i
                var best = xp[base], bestIndex = 0
                for k in 1..<Swift.max(size, 1) {
                    let v = xp[base + k * inner]
                    if best.isNaN { break }
                    if v > best || v.isNaN { best = v; bestIndex = k }
                }
                op[o * inner + i] = best
                indices?[o * inner + i] = bestIndex
            }
        }
    }

    /// Softmax (or log-softmax) of `x` along `dim` into `out`, subtracting each slice's maximum first.
    static func softmax(_ x: UnsafeBufferPointer<Float>, _ shape: [Int], dim: Int, log: Bool,
                        _ out: UnsafeMutableBufferPointer<Float>) {
        let (outer, size, inner) = Shapes.split(shape, at: dim)
        guard let xp = x.baseAddress, let op = out.baseAddress else { return }
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * size * inner + i
                var m = -Float.infinity
                for k in 0..<size { m = Swift.max(m, xp[base + k * inner]) }
                var total: Float = 0
                for k in 0..<size {
                    let e = expf(xp[base + k * inner] - m)
                    total += e
                    if !log { op[base + k * inner] = e }
                }
                if log {
                    let logTotal = logf(total) + m
                    for k in 0..<size { op[base + k * inner] = xp[base + k * inner] - logTotal }
                } else {
                    let inverse = 1 / total
                    for k in 0..<size { op[base + k * inner] *= inverse }
                }
            }
        }
    }
}
