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
            .recorded(op, self)
    }

    /// The same elements in a new shape; one dimension may be -1 and is then inferred.
    public func reshape(_ shape: Int..., file: String = #filePath, line: Int = #line) -> Tensor {
        reshape(shape, file: file, line: line)
    }

    /// The same elements in a new shape; one dimension may be -1 and is then inferred.
    public func reshape(_ shape: [Int], file: String = #filePath, line: Int = #line) -> Tensor {
        let target = checked(file: file, line: line) { () throws(ShapeError) in try Shapes.resolve(shape, for: self.shape) }
        return withShape(target).recorded(.reshape(target), self)
    }
}
