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
            .recorded(op, self) { g, node in
                guard case .index(let i) = node.op else { return }
                node.pass(g.scattered(into: node.input(0).shape, dim: 0, start: i, end: i + 1), to: 0)
            }
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
            .recorded(op, self) { g, node in
                guard case .slice(let dim, let start, let end) = node.op else { return }
                node.pass(g.scattered(into: node.input(0).shape, dim: dim, start: start, end: end), to: 0)
            }
    }

    /// A zero tensor of `shape` holding this gradient at elements `start..<end` of `dim`.
    private func scattered(into shape: [Int], dim: Int, start: Int, end: Int) -> Tensor {
        var grad = [Float](repeating: 0, count: Shapes.count(shape))
        withUnsafeBufferPointer { g in
            grad.withUnsafeMutableBufferPointer { Kernels.sliceBackward(g, shape, dim: dim, start: start, end: end, $0) }
        }
        return Tensor(uncheckedData: grad, shape: shape)
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
        return out.recorded(op, tensors) { g, node in
            let (dim, stacking): (Int, Bool)
            switch node.op {
            case .cat(let d): (dim, stacking) = (d, false)
            case .stack(let d): (dim, stacking) = (d, true)
            default: return
            }
            var start = 0
            for i in 0..<node.inputCount {
                let input = node.input(i)
                let width = stacking ? 1 : input.shape[dim]
                node.pass(g.slice(dim: dim, start: start, end: start + width, file: nil, line: 0).withShape(input.shape), to: i)
                start += width
            }
        }
    }
}
