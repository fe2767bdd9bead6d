/// A function of one float, applied element by element (a struct so loops specialize, no closures).
protocol UnaryFunction {
    func callAsFunction(_ x: Float) -> Float
}

/// A function of two floats, applied element by element with broadcasting.
protocol BinaryFunction {
    func callAsFunction(_ a: Float, _ b: Float) -> Float
}

// MARK: - The comparisons (the differentiable element-wise ops are defined in Ops/Elementwise)

struct CompareFn: BinaryFunction {
    let comparison: Comparison
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { comparison.holds(a, b) ? 1 : 0 }
}

struct CompareScalarFn: UnaryFunction {
    let comparison: Comparison
    let s: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { comparison.holds(x, s) ? 1 : 0 }
}

// MARK: - Loops

extension Kernels {
    /// `out[i] = f(x[i])`.
    @inline(__always)
    static func map<F: UnaryFunction>(_ f: F, _ x: UnsafeBufferPointer<Float>, _ out: UnsafeMutableBufferPointer<Float>) {
        let n = out.count
        guard n > 0, let xp = x.baseAddress, let op = out.baseAddress else { return }
        for i in 0..<n { op[i] = f(xp[i]) }
    }

    /// `out = f(a, b)` with `a` and `b` broadcast to `shape` (the shape of `out`).
    static func zip<F: BinaryFunction>(_ f: F, _ a: UnsafeBufferPointer<Float>, _ aShape: [Int],
                                       _ b: UnsafeBufferPointer<Float>, _ bShape: [Int],
                                       _ out: UnsafeMutableBufferPointer<Float>, _ shape: [Int]) {
        let n = out.count
        guard n > 0, let ap = a.baseAddress, let bp = b.baseAddress, let op = out.baseAddress else { return }
        if a.count == n && b.count == n && aShape == bShape {
            for i in 0..<n { op[i] = f(ap[i], bp[i]) }
            return
        }
        if b.count == 1 && a.count == n {
            let s = bp[0]
            for i in 0..<n { op[i] = f(ap[i], s) }
            return
        }
        if a.count == 1 && b.count == n {
            let s = ap[0]
            for i in 0..<n { op[i] = f(s, bp[i]) }
            return
        }
        let strideA = Shapes.broadcastStrides(aShape, to: shape)
        let strideB = Shapes.broadcastStrides(bShape, to: shape)
        let rank = shape.count
        let inner = shape[rank - 1], ia = strideA[rank - 1], ib = strideB[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var offA = 0, offB = 0, o = 0
        while o < n {
            var pa = offA, pb = offB
            for _ in 0..<inner {
                op[o] = f(ap[pa], bp[pb])
                pa += ia
                pb += ib
                o += 1
            }
            var d = rank - 2
            while d >= 0 {
                index[d] += 1
                offA += strideA[d]
                offB += strideB[d]
                if index[d] < shape[d] { break }
                offA -= strideA[d] * shape[d]
                offB -= strideB[d] * shape[d]
                index[d] = 0
                d -= 1
            }
        }
    }

    /// Copies `x` broadcast to `shape` into `out` (`torch.expand` followed by a copy).
    static func expand(_ x: UnsafeBufferPointer<Float>, _ xShape: [Int],
                       _ out: UnsafeMutableBufferPointer<Float>, _ shape: [Int]) {
        struct First: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a } }
        let one: [Float] = [0]
        one.withUnsafeBufferPointer { zero in zip(First(), x, xShape, zero, [], out, shape) }
    }

    /// Sums `x` (of the broadcast `shape`) down to `out` of `targetShape`: the gradient of a broadcast.
    static func sumTo(_ x: UnsafeBufferPointer<Float>, _ shape: [Int],
                      _ out: UnsafeMutableBufferPointer<Float>, _ targetShape: [Int]) {
        let n = x.count
        guard let op = out.baseAddress else { return }
        for i in 0..<out.count { op[i] = 0 }
        guard n > 0, let xp = x.baseAddress else { return }
        if out.count == 1 {
            var total: Float = 0
            for i in 0..<n { total += xp[i] }
            op[0] = total
            return
        }
        let kept = targetShape.drop { $0 == 1 }
        if out.count > 0 && shape.count >= kept.count && shape.suffix(kept.count).elementsEqual(kept) {
            // Only leading dimensions are summed away (a bias's gradient): add whole rows, in the
            // same order as the general loop below, so the result is the same to the bit.
            let m = out.count
            var row = xp
            for _ in 0..<(n / m) {
                for j in 0..<m { op[j] += row[j] }
                row += m
            }
            return
        }
        let strides = Shapes.broadcastStrides(targetShape, to: shape)
        let rank = shape.count
        let inner = shape[rank - 1], io = strides[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var offset = 0, i = 0
        while i < n {
            var p = offset
            for _ in 0..<inner {
                op[p] += xp[i]
                p += io
                i += 1
            }
            var d = rank - 2
            while d >= 0 {
                index[d] += 1
                offset += strides[d]
                if index[d] < shape[d] { break }
                offset -= strides[d] * shape[d]
                index[d] = 0
                d -= 1
            }
        }
    }
}
