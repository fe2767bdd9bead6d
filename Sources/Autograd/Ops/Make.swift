extension Tensor {
    /// A new tensor of `shape` whose elements `fill` writes into uninitialized storage.
    @inline(__always)
    static func make(_ shape: [Int], _ fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
        if shape.isEmpty {
            var value: Float = 0
            withUnsafeMutablePointer(to: &value) { fill(UnsafeMutableBufferPointer(start: $0, count: 1)) }
            return Tensor(scalar: value)
        }
        let n = Shapes.count(shape)
        if n == 1 {
            // An array literal allocates through a cached type: about half the cost of the general path.
            var data: [Float] = [0]
            data.withUnsafeMutableBufferPointer { fill($0) }
            return Tensor(uncheckedData: data, shape: shape)
        }
        let data = [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
            fill(buffer)
            initialized = n
        }
        return Tensor(uncheckedData: data, shape: shape)
    }

    /// A new tensor of `shape` computed from this tensor's elements.
    @inline(__always)
    func map(to shape: [Int], _ body: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
        withUnsafeBufferPointer { x in Tensor.make(shape) { out in body(x, out) } }
    }

    /// `f(self[i], other[i])` for two tensors of one shape (the backward rules of element-wise ops).
    @inline(__always)
    func zipped<F: BinaryFunction>(with other: Tensor, _ f: F) -> Tensor {
        withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                Tensor.make(shape) { out in
                    guard let ap = a.baseAddress, let bp = b.baseAddress, let op = out.baseAddress else { return }
                    for i in 0..<out.count { op[i] = f(ap[i], bp[i]) }
                }
            }
        }
    }

    /// This gradient summed over the dimensions that broadcasting added or stretched, so it has
    /// `shape` again (the gradient of an input that was broadcast).
    func sumTo(_ shape: [Int]) -> Tensor {
        if shape == self.shape { return self }
        return map(to: shape) { x, out in Kernels.sumTo(x, self.shape, out, shape) }
    }
}
