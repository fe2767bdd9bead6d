/// Shape arithmetic shared by shape inference and the kernels.
enum Shapes {
    /// The number of elements of a tensor of `shape`.
    @inline(__always)
    static func count(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape { n *= d }
        return n
    }

    /// The shape two shapes broadcast to (NumPy/PyTorch rules), or PyTorch's error.
    static func broadcast(_ a: [Int], _ b: [Int]) throws(ShapeError) -> [Int] {
        if a == b { return a }
        let rank = Swift.max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                result[i] = da
            } else if da == 1 {
                result[i] = db
            } else {
                throw ShapeError("The size of tensor a (\(da)) must match the size of tensor b (\(db)) at non-singleton dimension \(i)")
            }
        }
        return result
    }

    /// `dim` made non-negative for a tensor of `rank` dimensions, or PyTorch's error.
    static func normalize(dim: Int, rank: Int) throws(ShapeError) -> Int {
        let extent = Swift.max(rank, 1)
        guard dim >= -extent && dim < extent else {
            throw ShapeError("Dimension out of range (expected to be in range of [\(-extent), \(extent - 1)], but got \(dim))")
        }
        return dim < 0 ? dim + extent : dim
    }

    /// Splits `shape` around `dim` into (product before, size of dim, product after).
    @inline(__always)
    static func split(_ shape: [Int], at dim: Int) -> (outer: Int, size: Int, inner: Int) {
        if shape.isEmpty { return (1, 1, 1) }
        var outer = 1, inner = 1
        for i in 0..<dim { outer *= shape[i] }
        for i in (dim + 1)..<shape.count { inner *= shape[i] }
        return (outer, shape[dim], inner)
    }

    /// Element strides of `shape` seen from a broadcast result of rank `rank` and shape `target`:
    /// 0 for dimensions that are missing or of size 1 where the target is larger.
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let rank = target.count
        var strides = [Int](repeating: 0, count: rank)
        var stride = 1
        var i = shape.count - 1
        var j = rank - 1
        while i >= 0 {
            strides[j] = shape[i] == target[j] ? stride : 0
            stride *= shape[i]
            i -= 1
            j -= 1
        }
        return strides
    }

    /// The shape with dimension `dim` removed (or set to 1 with `keepdim`).
    static func reduced(_ shape: [Int], dim: Int, keepdim: Bool) -> [Int] {
        if shape.isEmpty { return [] }
        var result = shape
        if keepdim { result[dim] = 1 } else { result.remove(at: dim) }
        return result
    }

    /// Text of a shape as PyTorch prints sizes in messages: `[2, 3]`.
    static func text(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

    /// `shape` with its -1 replaced by the size that keeps the element count of `input` (a
    /// reshape's target, as `torch.reshape` reads it), checked against that count.
    static func resolve(_ shape: [Int], for input: [Int]) throws(ShapeError) -> [Int] {
        let inferred = shape.indices.filter { shape[$0] == -1 }
        guard inferred.count <= 1 else { throw ShapeError("only one dimension can be inferred") }
        if let bad = shape.first(where: { $0 < -1 }) { throw ShapeError("invalid shape dimension \(bad)") }
        guard let i = inferred.first else {
            _ = try Op.reshape(shape).outputShape(for: [input])
            return shape
        }
        let size = count(input)
        let known = shape.enumerated().reduce(1) { $1.offset == i ? $0 : $0 * $1.element }
        guard known > 0, size % known == 0 else {
            throw ShapeError("shape '\(text(shape))' is invalid for input of size \(size)")
        }
        var result = shape
        result[i] = size / known
        return result
    }
}
