/// Creating tensors: constants, ranges and random values.
extension Tensor {
    /// A tensor of zeros.
    public static func zeros(_ shape: Int..., requiresGrad: Bool = false) -> Tensor {
        full(shape, value: 0, requiresGrad: requiresGrad)
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, value: 0, requiresGrad: requiresGrad)
    }

    /// A tensor of ones.
    public static func ones(_ shape: Int..., requiresGrad: Bool = false) -> Tensor {
        full(shape, value: 1, requiresGrad: requiresGrad)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, value: 1, requiresGrad: requiresGrad)
    }

    /// A tensor of `shape` with every element `value`.
    public static func full(_ shape: [Int], value: Float, requiresGrad: Bool = false,
                            file: String = #filePath, line: Int = #line) -> Tensor {
        Tensor([Float](repeating: value, count: validCount(shape, file: file, line: line)), shape: shape,
               requiresGrad: requiresGrad)
    }

    /// `[0, 1, ..., end - 1]`.
    public static func arange(_ end: Int) -> Tensor {
        arange(from: 0, to: Float(end))
    }

    /// `start, start + step, ...` up to but excluding `end`, like `torch.arange(start, end, step)`.
    public static func arange(from start: Float, to end: Float, step: Float = 1,
                              file: String = #filePath, line: Int = #line) -> Tensor {
        guard step != 0 else { programmerError("step must be nonzero", file: file, line: line) }
        guard (end - start) / step >= 0 else {
            programmerError("upper bound and larger bound inconsistent with step sign", file: file, line: line)
        }
        // In double precision, as PyTorch computes the size and the values.
        let (first, last, delta) = (Double(start), Double(end), Double(step))
        let n = Int(((last - first) / delta).rounded(.up))
        return Tensor((0..<n).map { Float(first + Double($0) * delta) })
    }

    /// `count` evenly spaced values from `start` to `end` inclusive, like `torch.linspace`.
    public static func linspace(_ start: Float, _ end: Float, count: Int,
                                file: String = #filePath, line: Int = #line) -> Tensor {
        guard count >= 0 else { programmerError("number of steps must be non-negative", file: file, line: line) }
        if count == 1 { return Tensor([start]) }
        let step = (end - start) / Float(count - 1)
        // Like PyTorch, the second half counts back from `end` so both ends are exact.
        let half = count / 2
        return Tensor((0..<count).map { i in i < half ? start + step * Float(i) : end - step * Float(count - 1 - i) })
    }

    /// Uniform random values in [0, 1), like `torch.rand`.
    public static func rand(_ shape: Int..., generator: Generator? = nil, requiresGrad: Bool = false,
                            file: String = #filePath, line: Int = #line) -> Tensor {
        uniform(shape, low: 0, high: 1, generator: generator, requiresGrad: requiresGrad, file: file, line: line)
    }

    /// Standard normal random values, like `torch.randn`.
    public static func randn(_ shape: Int..., generator: Generator? = nil, requiresGrad: Bool = false,
                             file: String = #filePath, line: Int = #line) -> Tensor {
        randn(shape, generator: generator, requiresGrad: requiresGrad, file: file, line: line)
    }

    /// Standard normal random values, like `torch.randn`.
    public static func randn(_ shape: [Int], generator: Generator? = nil, requiresGrad: Bool = false,
                             file: String = #filePath, line: Int = #line) -> Tensor {
        let n = validCount(shape, file: file, line: line)
        let source = generator ?? .default
        let data = [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
            source.fillNormal(buffer)
            initialized = n
        }
        let result = Tensor(data, shape: shape, requiresGrad: requiresGrad)
        notifyDraw("randn(\(Shapes.text(shape)))", result, file: file, line: line)
        return result
    }

    /// Uniform random values in [low, high), like `torch.empty(shape).uniform_(low, high)`.
    public static func uniform(_ shape: [Int], low: Float, high: Float, generator: Generator? = nil,
                               requiresGrad: Bool = false, file: String = #filePath, line: Int = #line) -> Tensor {
        let n = validCount(shape, file: file, line: line)
        let source = generator ?? .default
        let data = [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
            source.fillUniform(buffer, low: low, span: high - low)
            initialized = n
        }
        let result = Tensor(data, shape: shape, requiresGrad: requiresGrad)
        notifyDraw("uniform(\(Shapes.text(shape)), low: \(low), high: \(high))", result, file: file, line: line)
        return result
    }

    /// A random integer in `low..<high`, for a program's control flow (like `random.randint`, but
    /// with the upper bound excluded as in `torch.randint`). Tracers are told about the draw.
    public static func randint(_ low: Int, _ high: Int, generator: Generator? = nil,
                               file: String = #filePath, line: Int = #line) -> Int {
        guard low < high else {
            programmerError("random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)",
                            file: file, line: line)
        }
        let value = (generator ?? .default).nextInt(low, high)
        TapeState.current.observer?.didDraw("randint(\(low), \(high))", value: "\(value)", file: file, line: line)
        return value
    }

    private static func validCount(_ shape: [Int], file: String, line: Int) -> Int {
        if let bad = shape.first(where: { $0 < 0 }) {
            programmerError("Trying to create tensor with negative dimension \(bad): \(Shapes.text(shape))",
                            file: file, line: line)
        }
        return Shapes.count(shape)
    }

    private static func notifyDraw(_ what: String, _ tensor: Tensor, file: String, line: Int) {
        guard let observer = TapeState.current.observer else { return }
        observer.didDraw(what, value: tensor.description, file: file, line: line)
    }
}
