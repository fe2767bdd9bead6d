/// Softmax and log-softmax along a dimension (each computed stably, after subtracting the maximum).
extension Tensor {
    /// `exp(x) / sum(exp(x))` along `dim`.
    public func softmax(dim: Int, file: String = #filePath, line: Int = #line) -> Tensor {
        let d = checked(file: file, line: line) { () throws(ShapeError) in try Shapes.normalize(dim: dim, rank: self.rank) }
        return map(to: shape) { x, out in Kernels.softmax(x, self.shape, dim: self.rank == 0 ? 0 : d, log: false, out) }
            .recorded(.softmax(dim: d), self, saveOutput: true)
    }

    /// `x - log(sum(exp(x)))` along `dim`.
    public func logSoftmax(dim: Int, file: String = #filePath, line: Int = #line) -> Tensor {
        let d = checked(file: file, line: line) { () throws(ShapeError) in try Shapes.normalize(dim: dim, rank: self.rank) }
        return map(to: shape) { x, out in Kernels.softmax(x, self.shape, dim: self.rank == 0 ? 0 : d, log: true, out) }
            .recorded(.logSoftmax(dim: d), self, saveOutput: true)
    }
}
