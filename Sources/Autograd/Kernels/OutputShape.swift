extension Op {
    /// The shape this op produces from inputs of `inputShapes`, or the error PyTorch would report.
    public func outputShape(for inputShapes: [[Int]]) throws(ShapeError) -> [Int] {
        let arity = self.arity
        if let arity, inputShapes.count != arity {
            throw ShapeError("\(label) expects \(arity) input\(arity == 1 ? "" : "s"), got \(inputShapes.count)")
        }
        switch self {
        case .binary, .compare:
            return try Shapes.broadcast(inputShapes[0], inputShapes[1])
        case .unary, .compareScalar:
            return inputShapes[0]
        case .matmul:
            return try Op.matmulShape(inputShapes[0], inputShapes[1])
        case .linear(let hasBias):
            return try Op.linearShape(inputShapes[0], inputShapes[1], bias: hasBias ? inputShapes[2] : nil)
        case .transpose(let d0, let d1):
            let shape = inputShapes[0]
            let n0 = try Shapes.normalize(dim: d0, rank: shape.count)
            let n1 = try Shapes.normalize(dim: d1, rank: shape.count)
            guard !shape.isEmpty else { return shape }
            var result = shape
            result.swapAt(n0, n1)
            return result
        case .reshape(let target):
            let size = Shapes.count(inputShapes[0])
            guard !target.contains(where: { $0 < 0 }), Shapes.count(target) == size else {
                throw ShapeError("shape '\(Shapes.text(target))' is invalid for input of size \(size)")
            }
            return target
        case .sum(let dim, let keepdim), .mean(let dim, let keepdim):
            let shape = inputShapes[0]
            guard let dim else { return [] }
            return Shapes.reduced(shape, dim: try Shapes.normalize(dim: dim, rank: shape.count), keepdim: keepdim)
        case .max(let dim, let keepdim):
            let shape = inputShapes[0]
            let d = try Shapes.normalize(dim: dim, rank: shape.count)
            if !shape.isEmpty && shape[d] == 0 {
                throw ShapeError("max(): Expected reduction dim \(d) to have non-zero size.")
            }
            return Shapes.reduced(shape, dim: d, keepdim: keepdim)
        case .softmax(let dim), .logSoftmax(let dim):
            _ = try Shapes.normalize(dim: dim, rank: inputShapes[0].count)
            return inputShapes[0]
        case .index(let i):
            let shape = inputShapes[0]
            guard !shape.isEmpty else {
                throw ShapeError("invalid index of a 0-dim tensor. Use `tensor.item()` to convert a 0-dim tensor to a number")
            }
            guard i >= 0 && i < shape[0] else {
                throw ShapeError("index \(i) is out of bounds for dimension 0 with size \(shape[0])")
            }
            return Array(shape.dropFirst())
        case .slice(let dim, let start, let end):
            let shape = inputShapes[0]
            guard !shape.isEmpty else { throw ShapeError("slice() cannot be applied to a 0-dim tensor.") }
            let d = try Shapes.normalize(dim: dim, rank: shape.count)
            guard 0 <= start && start <= end && end <= shape[d] else {
                throw ShapeError("slice \(start)..<\(end) is out of bounds for dimension \(d) with size \(shape[d])")
            }
            var result = shape
            result[d] = end - start
            return result
        case .cat(let dim):
            return try Op.catShape(inputShapes, dim: dim)
        case .stack(let dim):
            return try Op.stackShape(inputShapes, dim: dim)
        case .where:
            return try Shapes.broadcast(Shapes.broadcast(inputShapes[0], inputShapes[1]), inputShapes[2])
        case .mseLoss(let reduction):
            let (input, target) = (inputShapes[0], inputShapes[1])
            guard input == target else {
                throw ShapeError("Using a target size (\(Shapes.text(target))) that is different to the input size (\(Shapes.text(input))). This would broadcast and give wrong results. Please ensure they have the same size.")
            }
            return reduction == .none ? input : []
        case .crossEntropy(let reduction), .nllLoss(let reduction):
            return try Op.classLossShape(inputShapes[0], targets: inputShapes[1], reduction: reduction)
        }
    }

    /// The number of inputs the op takes (nil: any positive number).
    public var arity: Int? {
        switch self {
        case .binary, .compare, .matmul, .mseLoss, .crossEntropy, .nllLoss: return 2
        case .linear(let hasBias): return hasBias ? 3 : 2
        case .where: return 3
        case .cat, .stack: return nil
        default: return 1
        }
    }

    static func matmulShape(_ a: [Int], _ b: [Int]) throws(ShapeError) -> [Int] {
        guard !a.isEmpty && !b.isEmpty else {
            throw ShapeError("both arguments to matmul need to be at least 1D, but they are \(a.count)D and \(b.count)D")
        }
        guard a.count <= 2 && b.count <= 2 else {
            throw ShapeError("matmul supports 1-D and 2-D tensors here, got shapes \(Shapes.text(a)) and \(Shapes.text(b))")
        }
        switch (a.count, b.count) {
        case (1, 1):
            guard a[0] == b[0] else {
                throw ShapeError("inconsistent tensor size, expected tensor [\(a[0])] and src [\(b[0])] to have the same number of elements, but got \(a[0]) and \(b[0]) elements respectively")
            }
            return []
        case (2, 1):
            guard a[1] == b[0] else {
                throw ShapeError("size mismatch, got input (\(a[0])), mat (\(a[0])x\(a[1])), vec (\(b[0]))")
            }
            return [a[0]]
        case (1, 2):
            guard a[0] == b[0] else {
                throw ShapeError("mat1 and mat2 shapes cannot be multiplied (1x\(a[0]) and \(b[0])x\(b[1]))")
            }
            return [b[1]]
        default:
            guard a[1] == b[0] else {
                throw ShapeError("mat1 and mat2 shapes cannot be multiplied (\(a[0])x\(a[1]) and \(b[0])x\(b[1]))")
            }
            return [a[0], b[1]]
        }
    }

    static func linearShape(_ x: [Int], _ w: [Int], bias: [Int]?) throws(ShapeError) -> [Int] {
        guard w.count == 2 else {
            throw ShapeError("linear expects a 2-D weight [out, in], got \(Shapes.text(w))")
        }
        guard x.count == 1 || x.count == 2 else {
            throw ShapeError("linear supports 1-D and 2-D inputs here, got \(Shapes.text(x))")
        }
        let rows = x.count == 2 ? x[0] : 1
        guard x[x.count - 1] == w[1] else {
            throw ShapeError("mat1 and mat2 shapes cannot be multiplied (\(rows)x\(x[x.count - 1]) and \(w[1])x\(w[0]))")
        }
        if let bias, bias != [w[0]] {
            throw ShapeError("The size of tensor a (\(w[0])) must match the size of tensor b (\(bias.last ?? 1)) at non-singleton dimension \(x.count - 1)")
        }
        return x.count == 2 ? [x[0], w[0]] : [w[0]]
    }

    static func catShape(_ shapes: [[Int]], dim: Int) throws(ShapeError) -> [Int] {
        guard let first = shapes.first else { throw ShapeError("cat(): expected a non-empty list of Tensors") }
        guard !first.isEmpty else {
            throw ShapeError("zero-dimensional tensor (at position 0) cannot be concatenated")
        }
        let d = try Shapes.normalize(dim: dim, rank: first.count)
        var result = first
        for (i, shape) in shapes.enumerated().dropFirst() {
            guard shape.count == first.count else {
                throw ShapeError("Tensors must have same number of dimensions: got \(first.count) and \(shape.count)")
            }
            for k in 0..<shape.count where k != d && shape[k] != first[k] {
                throw ShapeError("Sizes of tensors must match except in dimension \(d). Expected size \(first[k]) but got size \(shape[k]) for tensor number \(i) in the list.")
            }
            result[d] += shape[d]
        }
        return result
    }

    static func stackShape(_ shapes: [[Int]], dim: Int) throws(ShapeError) -> [Int] {
        guard let first = shapes.first else { throw ShapeError("stack expects a non-empty TensorList") }
        let d = try Shapes.normalize(dim: dim, rank: first.count + 1)
        for (i, shape) in shapes.enumerated().dropFirst() where shape != first {
            throw ShapeError("stack expects each tensor to be equal size, but got \(Shapes.text(first)) at entry 0 and \(Shapes.text(shape)) at entry \(i)")
        }
        var result = first
        result.insert(shapes.count, at: d)
        return result
    }

    /// The shape of a class-index loss of `x` (`[n, c]` or `[c]`) against targets of shape
    /// `targets` (`[n]`; `[1]` or `[]` for one sample).
    static func classLossShape(_ x: [Int], targets: [Int], reduction: Reduction) throws(ShapeError) -> [Int] {
        guard x.count == 1 || x.count == 2 else {
            throw ShapeError("Expected 1 or 2 dimensions for the input (got \(x.count))")
        }
        let batch = x.count == 2 ? x[0] : 1
        guard targets.count <= 1 else {
            throw ShapeError("Expected the targets to be one class index per sample, got shape \(Shapes.text(targets))")
        }
        guard Shapes.count(targets) == batch else {
            throw ShapeError("Expected input batch_size (\(batch)) to match target batch_size (\(Shapes.count(targets))).")
        }
        return reduction == .none && x.count == 2 ? [batch] : []
    }

    /// The first of `targets` (class indices held as floats) that is not one of `classes`, if any.
    static func invalidTarget(in targets: UnsafeBufferPointer<Float>, classes: Int) -> Float? {
        targets.first { !($0 >= 0 && $0 < Float(classes) && $0 == $0.rounded()) }
    }

    /// PyTorch's error for a target that is not a class.
    static func outOfBounds(_ target: Float) -> ShapeError {
        ShapeError("Target \(target == target.rounded() && Swift.abs(target) < 1e9 ? String(Int(target)) : String(target)) is out of bounds.")
    }
}
