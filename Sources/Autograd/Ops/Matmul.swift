/// Matrix products through OpenBLAS: `matmul` for 1-D and 2-D tensors and the fused `linear`.
extension Tensor {
    /// The matrix product `self @ other` (`torch.matmul` for 1-D and 2-D tensors: matrix × matrix,
    /// matrix × vector, vector × matrix, vector · vector).
    public func matmul(_ other: Tensor, file: String = #filePath, line: Int = #line) -> Tensor {
        let shape = checked(file: file, line: line) { () throws(ShapeError) in
            try Op.matmulShape(self.shape, other.shape)
        }
        let out = withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                Tensor.make(shape) { out in Kernels.matmul(a, self.shape, b, other.shape, out) }
            }
        }
        return out.recorded(.matmul, self, other)
    }

    /// The transpose of a matrix (a vector or scalar is returned as is), like `tensor.T`.
    public var T: Tensor {
        if rank < 2 { return self }
        if rank > 2 {
            programmerError("t() expects a tensor with <= 2 dimensions, but self is \(rank)D", file: nil, line: 0)
        }
        return transpose(0, 1)
    }
}

/// `x @ weight^T + bias` for `x` of `[n, in]` (or `[in]`), `weight` of `[out, in]` and `bias` of `[out]`,
/// like `torch.nn.functional.linear`: one `sgemm` adds the product to the broadcast bias, and the
/// backward pass is two more.
public func linear(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?,
                   file: String = #filePath, line: Int = #line) -> Tensor {
    let op = Op.linear(hasBias: bias != nil)
    let shape = checked(file: file, line: line) { () throws(ShapeError) in
        try Op.linearShape(x.shape, weight.shape, bias: bias?.shape)
    }
    let out = x.withUnsafeBufferPointer { xp in
        weight.withUnsafeBufferPointer { wp in
            Tensor.make(shape) { out in
                if let bias {
                    bias.withUnsafeBufferPointer { bp in Kernels.linear(xp, x.shape, wp, weight.shape, bias: bp, out) }
                } else {
                    Kernels.linear(xp, x.shape, wp, weight.shape, bias: nil, out)
                }
            }
        }
    }
    if let bias { return out.recorded(op, [x, weight, bias]) }
    return out.recorded(op, x, weight)
}
