/// Sums, means and maxima over all elements or along one dimension.
extension Tensor {
    /// The sum of all elements (a scalar).
    public func sum() -> Tensor {
        reduce(.sum(dim: nil, keepdim: false))
    }

    /// The sums along `dim`, which is removed unless `keepdim`.
    public func sum(dim: Int, keepdim: Bool = false, file: String = #filePath, line: Int = #line) -> Tensor {
        let d = checked(file: file, line: line) { () throws(ShapeError) in try Shapes.normalize(dim: dim, rank: self.rank) }
        return reduce(.sum(dim: d, keepdim: keepdim), file: file, line: line)
    }

    /// The mean of all elements (a scalar).
    public func mean() -> Tensor {
        reduce(.mean(dim: nil, keepdim: false))
    }

    /// The means along `dim`, which is removed unless `keepdim`.
    public func mean(dim: Int, keepdim: Bool = false, file: String = #filePath, line: Int = #line) -> Tensor {
        let d = checked(file: file, line: line) { () throws(ShapeError) in try Shapes.normalize(dim: dim, rank: self.rank) }
        return reduce(.mean(dim: d, keepdim: keepdim), file: file, line: line)
    }

    /// Runs a sum or mean; the backward pass spreads the gradient back over the reduced elements.
    /// A shape error (none is expected: `dim` is already normalized) traps at the caller's line.
    private func reduce(_ op: Op, file: String? = nil, line: Int = 0) -> Tensor {
        let shape = checked(file: file, line: line) { () throws(ShapeError) in try op.outputShape(for: [self.shape]) }
        return map(to: shape) { x, out in Kernels.forward(op, inputs: [(x, self.shape)], output: out) }
            .recorded(op, self)
    }

    /// The maximum along `dim` and the index of the (first) maximum, like `torch.max(x, dim)`.
    /// The gradient flows to the elements that were picked.
    public func max(dim: Int, keepdim: Bool = false,
                    file: String = #filePath, line: Int = #line) -> (values: Tensor, indices: [Int]) {
        let (op, shape) = checked(file: file, line: line) { () throws(ShapeError) in
            let d = try Shapes.normalize(dim: dim, rank: self.rank)
            let op = Op.max(dim: d, keepdim: keepdim)
            return (op, try op.outputShape(for: [self.shape]))
        }
        guard case .max(let d, _) = op else { preconditionFailure() }
        var indices = [Int](repeating: 0, count: Shapes.count(shape))
        let values = map(to: shape) { x, out in
            indices.withUnsafeMutableBufferPointer { Kernels.max(x, self.shape, dim: d, out, indices: $0) }
        }
        let recorded = values.recorded(op, self)
        return (recorded, indices)
    }
}
