/// Softmax and log-softmax along a dimension (each computed stably, after subtracting the maximum).
extension Tensor {
    /// `exp(x) / sum(exp(x))` along `dim`.
    public func softmax(dim: Int, file: String = #filePath, line: Int = #line) -> Tensor {
        let d = checked(file: file, line: line) { () throws(ShapeError) in try Shapes.normalize(dim: dim, rank: self.rank) }
        return map(to: shape) { x, out in Kernels.softmax(x, self.shape, dim: self.rank == 0 ? 0 : d, log: false, out) }
            .recorded(.softmax(dim: d), self, saveOutput: true) { g, node in
                // dx = y · (g - Σ g·y)
                guard case .softmax(let dim) = node.op else { return }
                let y = node.output
                let gy = g * y
                let total = y.rank == 0 ? gy : gy.sum(dim: dim, keepdim: true)
                node.pass(y * (g - total), to: 0)
            }
    }

    /// `x - log(sum(exp(x)))` along `dim`.
    public func logSoftmax(dim: Int, file: String = #filePath, line: Int = #line) -> Tensor {
        let d = checked(file: file, line: line) { () throws(ShapeError) in try Shapes.normalize(dim: dim, rank: self.rank) }
        return map(to: shape) { x, out in Kernels.softmax(x, self.shape, dim: self.rank == 0 ? 0 : d, log: true, out) }
            .recorded(.logSoftmax(dim: d), self, saveOutput: true) { g, node in
                // dx = g - softmax · Σ g
                guard case .logSoftmax(let dim) = node.op else { return }
                let total = g.rank == 0 ? g : g.sum(dim: dim, keepdim: true)
                node.pass(g - node.output.exp() * total, to: 0)
            }
    }
}
