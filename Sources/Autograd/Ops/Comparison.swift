/// Element-wise comparisons (tensors of 0 and 1, without gradient) and `where`.
extension Tensor {
    private func comparing(_ c: Comparison, _ other: Tensor, file: String, line: Int) -> Tensor {
        broadcasting(.compare(c), other, file: file, line: line).recorded(.compare(c), self, other)
    }

    private func comparing(_ c: Comparison, _ s: Float) -> Tensor {
        let op = Op.compareScalar(c, s)
        return map(to: shape) { x, out in Kernels.unary(op, x, out) }.recorded(op, self)
    }

    /// 1 where `self > other`, else 0.
    public func gt(_ other: Tensor, file: String = #filePath, line: Int = #line) -> Tensor { comparing(.gt, other, file: file, line: line) }
    /// 1 where `self < other`, else 0.
    public func lt(_ other: Tensor, file: String = #filePath, line: Int = #line) -> Tensor { comparing(.lt, other, file: file, line: line) }
    /// 1 where `self >= other`, else 0.
    public func ge(_ other: Tensor, file: String = #filePath, line: Int = #line) -> Tensor { comparing(.ge, other, file: file, line: line) }
    /// 1 where `self <= other`, else 0.
    public func le(_ other: Tensor, file: String = #filePath, line: Int = #line) -> Tensor { comparing(.le, other, file: file, line: line) }
    /// 1 where `self == other`, else 0.
    public func eq(_ other: Tensor, file: String = #filePath, line: Int = #line) -> Tensor { comparing(.eq, other, file: file, line: line) }

    /// 1 where `self > s`, else 0.
    public func gt(_ s: Float) -> Tensor { comparing(.gt, s) }
    /// 1 where `self < s`, else 0.
    public func lt(_ s: Float) -> Tensor { comparing(.lt, s) }
    /// 1 where `self >= s`, else 0.
    public func ge(_ s: Float) -> Tensor { comparing(.ge, s) }
    /// 1 where `self <= s`, else 0.
    public func le(_ s: Float) -> Tensor { comparing(.le, s) }
    /// 1 where `self == s`, else 0.
    public func eq(_ s: Float) -> Tensor { comparing(.eq, s) }

    /// Elements of `a` where `condition` is non-zero and of `b` elsewhere, all three broadcast
    /// together, like `torch.where`. Gradients flow to the side that was chosen.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor,
                               file: String = #filePath, line: Int = #line) -> Tensor {
        let shape = checked(file: file, line: line) { () throws(ShapeError) in
            try Op.where.outputShape(for: [condition.shape, a.shape, b.shape])
        }
        let out = condition.withUnsafeBufferPointer { c in
            a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    Tensor.make(shape) { out in
                        Kernels.select((c, condition.shape), (x, a.shape), (y, b.shape), out)
                    }
                }
            }
        }
        return out.recorded(.where, [condition, a, b])
    }
}
