/// The buffer kernels: every op's forward computation on raw buffers, shared by the eager ops and the
/// static graph executor (which runs them into preallocated memory).
public enum Kernels {
    /// Runs `op` on `inputs` (each a buffer and its shape) and writes the result into `output`, which
    /// must hold exactly as many elements as `op.outputShape(for:)` gives for these shapes.
    /// The shapes must already have passed `op.outputShape(for:)`.
    public static func forward(_ op: Op, inputs: [(UnsafeBufferPointer<Float>, [Int])],
                               output: UnsafeMutableBufferPointer<Float>) {
        let (x, xShape) = inputs[0]
        switch op {
        case .binary, .compare, .matmul, .mseLoss:
            binary(op, x, xShape, inputs[1].0, inputs[1].1, output)
        case .unary, .compareScalar:
            unary(op, x, output)
        case .linear(let hasBias):
            linear(x, xShape, inputs[1].0, inputs[1].1, bias: hasBias ? inputs[2].0 : nil, output)
        case .transpose(let d0, let d1):
            transpose(x, xShape, d0, d1, output)
        case .reshape:
            if let source = x.baseAddress, let destination = output.baseAddress {
                destination.update(from: source, count: output.count)
            }
        case .sum(let dim, _):
            sum(x, xShape, dim: dim, scale: 1, output)
        case .mean(let dim, _):
            let n = dim.map { xShape.isEmpty ? 1 : xShape[$0] } ?? x.count
            sum(x, xShape, dim: dim, scale: 1 / Float(n), output)
        case .max(let dim, _):
            max(x, xShape, dim: dim, output, indices: nil)
        case .softmax(let dim):
            softmax(x, xShape, dim: dim, log: false, output)
        case .logSoftmax(let dim):
            softmax(x, xShape, dim: dim, log: true, output)
        case .index(let i):
            slice(x, xShape, dim: 0, start: i, end: i + 1, output)
        case .slice(let dim, let start, let end):
            slice(x, xShape, dim: dim, start: start, end: end, output)
        case .cat(let dim):
            cat(inputs, dim: dim, output)
        case .stack(let dim):
            cat(inputs.map { ($0.0, stackedShape($0.1, dim: dim)) }, dim: dim, output)
        case .where:
            select(inputs[0], inputs[1], inputs[2], output)
        case .nllLoss(let reduction):
            let targets = classIndices(inputs[1].0, classes: xShape.last ?? 1)
            nllLoss(x, xShape, targets: targets, reduction, output)
        case .crossEntropy(let reduction):
            let targets = classIndices(inputs[1].0, classes: xShape.last ?? 1)
            var logProbs = [Float](repeating: 0, count: x.count)
            logProbs.withUnsafeMutableBufferPointer { buffer in
                crossEntropy(x, xShape, targets: targets, reduction, output, logProbs: buffer)
            }
        }
    }

    /// The ops with two broadcast (or matrix) operands.
    static func binary(_ op: Op, _ a: UnsafeBufferPointer<Float>, _ aShape: [Int],
                       _ b: UnsafeBufferPointer<Float>, _ bShape: [Int], _ out: UnsafeMutableBufferPointer<Float>) {
        switch op {
        case .binary(let f):
            f.accept(Zip(a: a, aShape: aShape, b: b, bShape: bShape, out: out))
        case .compare(let c):
            let shape = (try? Shapes.broadcast(aShape, bShape)) ?? aShape
            zip(CompareFn(comparison: c), a, aShape, b, bShape, out, shape)
        case .matmul:
            matmul(a, aShape, b, bShape, out)
        case .mseLoss(let reduction):
            mseLoss(a, b, reduction, out)
        default:
            preconditionFailure("\(op) does not take two operands")
        }
    }

    /// The element-wise ops of one input.
    static func unary(_ op: Op, _ x: UnsafeBufferPointer<Float>, _ out: UnsafeMutableBufferPointer<Float>) {
        switch op {
        case .unary(let f): f.accept(Map(x: x, out: out))
        case .compareScalar(let c, let s): map(CompareScalarFn(comparison: c, s: s), x, out)
        default: preconditionFailure("\(op) is not element-wise")
        }
    }

    /// `out = condition != 0 ? a : b`, all three broadcast to the shape of `out`.
    static func select(_ condition: (UnsafeBufferPointer<Float>, [Int]), _ a: (UnsafeBufferPointer<Float>, [Int]),
                       _ b: (UnsafeBufferPointer<Float>, [Int]), _ out: UnsafeMutableBufferPointer<Float>) {
        let shape = (try? Shapes.broadcast(Shapes.broadcast(condition.1, a.1), b.1)) ?? a.1
        let n = out.count
        var c = [Float](repeating: 0, count: n), x = c, y = c
        c.withUnsafeMutableBufferPointer { expand(condition.0, condition.1, $0, shape) }
        x.withUnsafeMutableBufferPointer { expand(a.0, a.1, $0, shape) }
        y.withUnsafeMutableBufferPointer { expand(b.0, b.1, $0, shape) }
        for i in 0..<n { out[i] = c[i] != 0 ? x[i] : y[i] }
    }

    /// The shape of one stacked input seen as a slab of the result: a 1 inserted at `dim`.
    static func stackedShape(_ shape: [Int], dim: Int) -> [Int] {
        var result = shape
        result.insert(1, at: dim)
        return result
    }
}

/// `out[i] = f(x[i])` with the function of a ``UnaryOp``.
private struct Map: ElementwiseVisitor {
    let x: UnsafeBufferPointer<Float>
    let out: UnsafeMutableBufferPointer<Float>
    func visit<F: ElementwiseFunction>(_ f: F) { Kernels.map(f, x, out) }
}

/// `out = f(a, b)`, broadcast, with the function of a ``BinaryOp``.
private struct Zip: BinaryElementwiseVisitor {
    let a: UnsafeBufferPointer<Float>
    let aShape: [Int]
    let b: UnsafeBufferPointer<Float>
    let bShape: [Int]
    let out: UnsafeMutableBufferPointer<Float>
    func visit<F: BinaryElementwiseFunction>(_ f: F) {
        let shape = (try? Shapes.broadcast(aShape, bShape)) ?? aShape
        Kernels.zip(f, a, aShape, b, bShape, out, shape)
    }
}

extension Kernels {
    /// The class indices of a loss's targets; a target that is not one of `classes` traps with
    /// PyTorch's message (eager calls check first, at the caller's line; a graph fed bad labels
    /// stops here).
    static func classIndices(_ targets: UnsafeBufferPointer<Float>, classes: Int) -> [Int] {
        if let bad = Op.invalidTarget(in: targets, classes: classes) { preconditionFailure(Op.outOfBounds(bad).message) }
        return targets.map { Int($0) }
    }
}
