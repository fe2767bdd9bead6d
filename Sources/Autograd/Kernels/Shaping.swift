extension Kernels {
    /// Copies `x` of `shape` with dimensions `d0` and `d1` swapped into `out`.
    static func transpose(_ x: UnsafeBufferPointer<Float>, _ shape: [Int], _ d0: Int, _ d1: Int,
                          _ out: UnsafeMutableBufferPointer<Float>) {
        let n = x.count
        guard n > 0, let xp = x.baseAddress, let op = out.baseAddress else { return }
        if d0 == d1 || shape.count < 2 {
            op.update(from: xp, count: n)
            return
        }
        if shape.count == 2 {
            let (rows, columns) = (shape[0], shape[1])
            for r in 0..<rows {
                for c in 0..<columns { op[c * rows + r] = xp[r * columns + c] }
            }
            return
        }
        // General case: walk the output in order, reading the input through swapped strides.
        var inStrides = [Int](repeating: 1, count: shape.count)
        for d in stride(from: shape.count - 2, through: 0, by: -1) { inStrides[d] = inStrides[d + 1] * shape[d + 1] }
        var outShape = shape
        outShape.swapAt(d0, d1)
        var strides = inStrides
        strides.swapAt(d0, d1)
        let rank = shape.count
        var index = [Int](repeating: 0, count: rank)
        var offset = 0
        for o in 0..<n {
            op[o] = xp[offset]
            var d = rank - 1
            while d >= 0 {
                index[d] += 1
                offset += strides[d]
                if index[d] < outShape[d] { break }
                offset -= strides[d] * outShape[d]
                index[d] = 0
                d -= 1
            }
        }
    }

    /// Copies elements `start..<end` of dimension `dim` of `x` into `out`.
    static func slice(_ x: UnsafeBufferPointer<Float>, _ shape: [Int], dim: Int, start: Int, end: Int,
                      _ out: UnsafeMutableBufferPointer<Float>) {
        let (outer, size, inner) = Shapes.split(shape, at: dim)
        let width = (end - start) * inner
        guard width > 0, let xp = x.baseAddress, let op = out.baseAddress else { return }
        for o in 0..<outer {
            (op + o * width).update(from: xp + (o * size + start) * inner, count: width)
        }
    }

    /// Adds `g` (the gradient of a slice) into `out` at elements `start..<end` of dimension `dim`.
    static func sliceBackward(_ g: UnsafeBufferPointer<Float>, _ shape: [Int], dim: Int, start: Int, end: Int,
                              _ out: UnsafeMutableBufferPointer<Float>) {
        let (outer, size, inner) = Shapes.split(shape, at: dim)
        let width = (end - start) * inner
        guard width > 0, let gp = g.baseAddress, let op = out.baseAddress else { return }
        for o in 0..<outer {
            let dst = op + (o * size + start) * inner
            let src = gp + o * width
            for i in 0..<width { dst[i] += src[i] }
        }
    }

    /// Concatenates `inputs` along `dim` into `out`.
    static func cat(_ inputs: [(UnsafeBufferPointer<Float>, [Int])], dim: Int, _ out: UnsafeMutableBufferPointer<Float>) {
        var offset = 0
        for (x, shape) in inputs { offset += catPart(x, shape, dim: dim, at: offset, out) }
    }

    /// Copies one input `x` of the concatenation along `dim` into `out`, at element `offset` of each
    /// block of `out` (the blocks are the slices before `dim`); returns the input's elements per block.
    static func catPart(_ x: UnsafeBufferPointer<Float>, _ shape: [Int], dim: Int, at offset: Int,
                        _ out: UnsafeMutableBufferPointer<Float>) -> Int {
        let (outer, size, inner) = Shapes.split(shape, at: dim)
        let width = size * inner
        guard width > 0, outer > 0, let xp = x.baseAddress, let op = out.baseAddress else { return width }
        let blockWidth = out.count / outer
        for block in 0..<outer {
            (op + block * blockWidth + offset).update(from: xp + block * width, count: width)
        }
        return width
    }
}
