/// Selecting rows, slicing, and joining tensors.
extension Tensor {
    /// Row `index` (index `index` of dimension 0; negative counts from the end), like `x[i]`.
    public subscript(index: Int) -> Tensor {
        row(index, file: nil, line: 0)
    }

    /// Row `index` of dimension 0, reporting a bad index at the caller's line.
    public func row(_ index: Int, file: String = #filePath, line: Int = #line) -> Tensor {
        row(index, file: Optional(file), line: line)
    }

    func row(_ index: Int, file: String?, line: Int) -> Tensor {
        let (op, shape) = checked(file: file, line: line) { () throws(ShapeError) in
            let size = self.shape.first ?? 0
            let op = Op.index(index < 0 ? index + size : index)
            do throws(ShapeError) {
                return (op, try op.outputShape(for: [self.shape]))
            } catch {
                // PyTorch names the index as written, not the one counted from the end.
                guard index < 0 && !self.shape.isEmpty else { throw error }
                throw ShapeError("index \(index) is out of bounds for dimension 0 with size \(size)")
            }
        }
        return map(to: shape) { x, out in Kernels.forward(op, inputs: [(x, self.shape)], output: out) }
            .recorded(op, self)
    }

    /// Rows `range` of dimension 0, like `x[a:b]`.
    public subscript(range: Range<Int>) -> Tensor {
        slice(dim: 0, start: range.lowerBound, end: range.upperBound, file: nil, line: 0)
    }

    /// Elements `start..<end` of dimension `dim`, like `x.narrow(dim, start, end - start)`.
    public func slice(dim: Int, start: Int, end: Int, file: String = #filePath, line: Int = #line) -> Tensor {
        slice(dim: dim, start: start, end: end, file: Optional(file), line: line)
    }

    func slice(dim: Int, start: Int, end: Int, file: String?, line: Int) -> Tensor {
        let (op, shape) = checked(file: file, line: line) { () throws(ShapeError) in
            let d = self.rank == 0 ? dim : try Shapes.normalize(dim: dim, rank: self.rank)
            let op = Op.slice(dim: d, start: start, end: end)
            return (op, try op.outputShape(for: [self.shape]))
        }
        return map(to: shape) { x, out in Kernels.forward(op, inputs: [(x, self.shape)], output: out) }
            .recorded(op, self)
    }

    /// The tensors joined along the existing dimension `dim`, like `torch.cat`.
    public static func cat(_ tensors: [Tensor], dim: Int = 0, file: String = #filePath, line: Int = #line) -> Tensor {
        join(tensors, stacking: false, dim: dim, file: file, line: line)
    }

    /// The tensors (all of one shape) joined along a new dimension `dim`, like `torch.stack`.
    public static func stack(_ tensors: [Tensor], dim: Int = 0, file: String = #filePath, line: Int = #line) -> Tensor {
        join(tensors, stacking: true, dim: dim, file: file, line: line)
    }

    private static func join(_ tensors: [Tensor], stacking: Bool, dim: Int, file: String, line: Int) -> Tensor {
        let shapes = tensors.map(\.shape)
        let (op, d, shape) = checked(file: file, line: line) { () throws(ShapeError) in
            let rank = (shapes.first?.count ?? 0) + (stacking ? 1 : 0)
            let d = shapes.isEmpty ? dim : try Shapes.normalize(dim: dim, rank: rank)
            let op = stacking ? Op.stack(dim: d) : Op.cat(dim: d)
            return (op, d, try op.outputShape(for: shapes))
        }
        // Each input is copied in while its elements are in reach (Kernels.forward would need all at once).
        let out = Tensor.make(shape) { out in
            var offset = 0
            for (tensor, shape) in Swift.zip(tensors, shapes) {
                let part = stacking ? Kernels.stackedShape(shape, dim: d) : shape
                offset += tensor.withUnsafeBufferPointer { Kernels.catPart($0, part, dim: d, at: offset, out) }
            }
        }
        return out.recorded(op, tensors)
    }
}
