import Autograd
import CBLAS

/// The matrix products of one training step of a chain of `Linear` layers and nothing else, on
/// matrices of the same shapes shared the way the step shares its tensors: the time under which no
/// implementation of the step can go with the same BLAS, so step / floor is what the step spends
/// beyond its matrix products.
///
/// For the layers in the order they are applied, a step runs forward `h·Wᵀ` for each (`sgemm`
/// NoTrans × Trans, m = batch, n = out, k = in; Autograd adds the bias in the same call with
/// beta = 1, the floor leaves it out), and backward, from the last layer, each layer's weight
/// gradient `gᵀ·h` (Trans × NoTrans, m = out, n = in, k = batch) and its input gradient `g·W`
/// (NoTrans × NoTrans, m = batch, n = in, k = out) except the first layer's, as the input needs no
/// gradient. A layer applied several times (DynamicNet's hidden layer, SharedNet's tied weight) has
/// one weight matrix read by every application. Batch 64, 1000 → 100 → 10 at depth 2: 15.49 MFLOP
/// forward, 18.18 backward; SharedNet (three 256-wide layers, batch 64): 25.2 forward, 41.9 backward.
final class GEMMFloor {
    /// One `cblas_sgemm` call on row-major matrices: `c = op(a) · op(b)`, `c` of `m×n`, `op(a)` of `m×k`.
    struct Product {
        let transA: Bool
        let transB: Bool
        let m: Int, n: Int, k: Int
        let a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>

        var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    }

    /// One application of a layer: its weight's identity (the same for every use of a shared
    /// weight) and its sizes.
    struct Application {
        let weight: ObjectIdentifier
        let inFeatures: Int
        let outFeatures: Int

        init(_ layer: Linear) {
            weight = ObjectIdentifier(layer.weight)
            inFeatures = layer.inFeatures
            outFeatures = layer.outFeatures
        }
    }

    let forward: [Product]
    let backward: [Product]
    private let products: [Product]
    /// Every matrix, to be freed with the floor.
    private let matrices: [UnsafeMutableBufferPointer<Float>]

    /// The floor of a step applying `layers` in order to a batch of `batch` rows.
    init(_ layers: [Application], batch: Int) {
        var matrices: [UnsafeMutableBufferPointer<Float>] = []
        func matrix(_ rows: Int, _ columns: Int) -> UnsafeMutablePointer<Float> {
            let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: rows * columns)
            for i in buffer.indices { buffer[i] = Float.random(in: -1...1) }
            matrices.append(buffer)
            return buffer.baseAddress!
        }
        let widths = [layers[0].inFeatures] + layers.map(\.outFeatures)
        // Layer i maps activations[i] to activations[i + 1]; gradients[i] is the loss's gradient
        // with respect to activations[i]. Each distinct weight is one matrix.
        let activations = widths.map { matrix(batch, $0) }
        let gradients = widths.map { matrix(batch, $0) }
        var weights: [ObjectIdentifier: UnsafeMutablePointer<Float>] = [:]
        for layer in layers where weights[layer.weight] == nil {
            weights[layer.weight] = matrix(layer.outFeatures, layer.inFeatures)
        }
        func weight(_ i: Int) -> UnsafeMutablePointer<Float> { weights[layers[i].weight]! }
        forward = layers.indices.map { i in
            Product(transA: false, transB: true, m: batch, n: widths[i + 1], k: widths[i],
                    a: activations[i], b: weight(i), c: activations[i + 1])
        }
        backward = layers.indices.reversed().flatMap { i in
            let weightGradient = Product(transA: true, transB: false, m: widths[i + 1], n: widths[i], k: batch,
                                         a: gradients[i + 1], b: activations[i], c: matrix(widths[i + 1], widths[i]))
            let inputGradient = Product(transA: false, transB: false, m: batch, n: widths[i], k: widths[i + 1],
                                        a: gradients[i + 1], b: weight(i), c: gradients[i])
            return i == 0 ? [weightGradient] : [weightGradient, inputGradient]
        }
        products = forward + backward
        self.matrices = matrices
    }

    /// The floor of one DynamicNet step at `depth`.
    convenience init(_ net: DynamicNet, depth: Int, batch: Int) {
        let layers = [net.inputLayer] + Array(repeating: net.hiddenLayer, count: depth) + [net.outputLayer]
        self.init(layers.map(Application.init), batch: batch)
    }

    deinit {
        for matrix in matrices { matrix.deallocate() }
    }

    /// The forward and backward MFLOP, e.g. "15.49 + 18.18".
    var megaflops: String {
        [forward, backward].map { Report.number($0.map(\.flops).reduce(0, +) / 1e6) }.joined(separator: " + ")
    }

    /// Every product of the step, forward then backward.
    func run() {
        for p in products {
            cblas_sgemm(CblasRowMajor, p.transA ? CblasTrans : CblasNoTrans, p.transB ? CblasTrans : CblasNoTrans,
                        Int32(p.m), Int32(p.n), Int32(p.k), 1, p.a, Int32(p.transA ? p.m : p.k),
                        p.b, Int32(p.transB ? p.k : p.n), 0, p.c, Int32(p.n))
        }
    }
}
