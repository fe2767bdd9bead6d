/// Ops that change only the shape: transpose and reshape.
extension Tensor {
    /// The tensor with dimensions `d0` and `d1` swapped (negative dimensions count from the end).
    public func transpose(_ d0: Int, _ d1: Int, file: String = #filePath, line: Int = #line) -> Tensor {
        let (n0, n1) = checked(file: file, line: line) { () throws(ShapeError) in
            (try Shapes.normalize(dim: d0, rank: self.rank), try Shapes.normalize(dim: d1, rank: self.rank))
        }
        let op = Op.transpose(Swift.min(n0, n1), Swift.max(n0, n1))
        var shape = self.shape
        if rank >= 2 { shape.swapAt(n0, n1) }
        return map(to: shape) { x, out in Kernels.transpose(x, self.shape, n0, n1, out) }
            .recorded(op, self) { g, node in
                guard case .transpose(let d0, let d1) = node.op else { return }
                node.pass(g.transpose(d0, d1), to: 0)
            }
    }

    /// The same elements in a new shape; one dimension may be -1 and is then inferred.
    public func reshape(_ shape: Int..., file: String = #filePath, line: Int = #line) -> Tensor {
        reshape(shape, file: file, line: line)
    }

    /// The same elements in a new shape; one dimension may be -1 and is then inferred.
    public func reshape(_ shape: [Int], file: String = #filePath, line: Int = #line) -> Tensor {
        let target = checked(file: file, line: line) { () throws(ShapeError) in try resolve(shape) }
        return withShape(target).recorded(.reshape(target), self) { g, node in
            node.pass(g.withShape(node.input(0).shape), to: 0)
        }
    }

    /// `shape` with its -1 replaced by the size that keeps the element count.
    private func resolve(_ shape: [Int]) throws(ShapeError) -> [Int] {
        let inferred = shape.indices.filter { shape[$0] == -1 }
        guard inferred.count <= 1 else { throw ShapeError("only one dimension can be inferred") }
        if let bad = shape.first(where: { $0 < -1 }) { throw ShapeError("invalid shape dimension \(bad)") }
        guard let i = inferred.first else {
            _ = try Op.reshape(shape).outputShape(for: [self.shape])
            return shape
        }
        let known = shape.enumerated().reduce(1) { $1.offset == i ? $0 : $0 * $1.element }
        guard known > 0, count % known == 0 else {
            throw ShapeError("shape '\(Shapes.text(shape))' is invalid for input of size \(count)")
        }
        var result = shape
        result[i] = count / known
        return result
    }
}
