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
        return out.recorded(.matmul, self, other) { g, node in
            // a is m×k, b is k×n, g is m×n: da = g @ bᵀ, db = aᵀ @ g.
            let (a, b) = (node.input(0), node.input(1))
            let (m, k, n) = Kernels.matmulDimensions(a.shape, b.shape)
            node.pass(Tensor.product(a.shape, m: m, n: k, k: n, g, b, transB: true), to: 0)
            node.pass(Tensor.product(b.shape, m: k, n: n, k: m, a, g, transA: true), to: 1)
        }
    }

    /// `op(a) @ op(b)` as a new tensor of `shape` (`m×n` elements).
    static func product(_ shape: [Int], m: Int, n: Int, k: Int, _ a: Tensor, _ b: Tensor,
                        transA: Bool = false, transB: Bool = false) -> Tensor {
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                Tensor.make(shape) { out in
                    guard let c = out.baseAddress else { return }
                    guard let pa = ap.baseAddress, let pb = bp.baseAddress else {
                        for i in 0..<out.count { c[i] = 0 }
                        return
                    }
                    Kernels.gemm(transA: transA, transB: transB, m: m, n: n, k: k, pa, pb, c)
                }
            }
        }
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
    let rule: GradFn.Backward = { g, node in
        // g is rows×out: dx = g @ W, dW = gᵀ @ x, db = the column sums of g.
        let (x, weight) = (node.input(0), node.input(1))
        let rows = x.rank == 2 ? x.shape[0] : 1
        let (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1])
        node.pass(Tensor.product(x.shape, m: rows, n: inFeatures, k: outFeatures, g, weight), to: 0)
        node.pass(Tensor.product(weight.shape, m: outFeatures, n: inFeatures, k: rows, g, x, transA: true), to: 1)
        if node.inputCount == 3 {
            node.pass(g.sumTo([outFeatures]), to: 2)
        }
    }
    if let bias { return out.recorded(op, [x, weight, bias], backward: rule) }
    return out.recorded(op, x, weight, backward: rule)
}
