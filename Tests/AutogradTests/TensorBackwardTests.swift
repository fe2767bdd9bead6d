import Testing
@testable import Autograd

/// The dynamic tape: reverse-mode gradients, accumulation, retained graphs, no-grad and detaching.
@Suite struct TensorBackwardTests {
    @Test func gradientOfAPolynomial() {
        let x = Tensor([1, -2, 3], requiresGrad: true)
        let y = (x * x + x * 3).sum()  // dy/dx = 2x + 3
        y.backward()
        #expect(x.grad?.data == [5, -1, 9])
        #expect(y.gradFn?.name == "SumBackward")
        #expect(!y.isLeaf && x.isLeaf)
    }

    @Test func gradientsAccumulateOverUsesAndCalls() {
        let a = Tensor(2, requiresGrad: true)
        let b = Tensor(5)
        (a * a * a + a * b).backward()  // 3a² + b = 17
        #expect(a.grad?.data == [17])
        #expect(b.grad == nil)
        (a * 4).backward()
        #expect(a.grad?.data == [21])
        a.zeroGrad()
        #expect(a.grad == nil)
        (a + a).backward()
        #expect(a.grad?.data == [2])
    }

    @Test func explicitGradientForANonScalar() {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        let y = x * 2
        y.backward(Tensor([1, 0.5, -1]))
        #expect(x.grad?.data == [2, 1, -2])
    }

    @Test func backwardOfALeafAccumulatesIntoItself() {
        let x = Tensor(3, requiresGrad: true)
        x.backward()
        #expect(x.grad?.data == [1])
    }

    @Test func intermediateTensorsGetNoGrad() {
        let x = Tensor([1, 2], requiresGrad: true)
        let h = x * 3
        h.sum().backward()
        #expect(h.grad == nil)
        #expect(x.grad?.data == [3, 3])
    }

    @Test func retainGraphAllowsASecondBackward() {
        let x = Tensor(3, requiresGrad: true)
        let y = x * x
        y.backward(retainGraph: true)
        y.backward()
        #expect(x.grad?.data == [12])
    }

    @Test func nodesThatSaveNothingCanRunBackwardAgain() {
        // As in PyTorch: add and sum keep no tensors for backward, so nothing was freed.
        let x = Tensor([1, 2], requiresGrad: true)
        let y = (x + 1).sum()
        y.backward()
        y.backward()
        #expect(x.grad?.data == [2, 2])
    }

    @Test func savedValuesAreFreedAfterBackward() {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = x.exp()
        y.sum().backward()
        #expect(y.gradFn?.freed == true)
        #expect(y.gradFn?.savedOutput.isEmpty == true)
    }

    @Test func noGradRecordsNothingAndRestoresTheMode() {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = withNoGrad { () -> Tensor in
            #expect(!isGradEnabled)
            let inner = withNoGrad { x * 2 }
            #expect(!isGradEnabled)
            return inner + x
        }
        #expect(isGradEnabled)
        #expect(y.gradFn == nil && !y.requiresGrad)
        #expect((x * 2).gradFn != nil)
    }

    @Test func detachCutsTheGraph() {
        let x = Tensor([1, 2], requiresGrad: true)
        let h = (x * 3).detach()
        #expect(h.isLeaf && !h.requiresGrad && h.data == [3, 6])
        let y = (h * x).sum()
        y.backward()
        #expect(x.grad?.data == [3, 6])
    }

    @Test func nodesExposeOpAndInputs() {
        let a = Tensor([1], requiresGrad: true)
        let b = Tensor([2])
        let c = a * b
        #expect(c.gradFn?.op == .mul)
        #expect(c.gradFn?.inputs.count == 2)
        #expect(c.gradFn?.inputs[0] === a && c.gradFn?.inputs[1] === b)
        let d = Tensor.cat([a, b, c], dim: 0)
        #expect(d.gradFn?.inputs.map(ObjectIdentifier.init) == [a, b, c].map(ObjectIdentifier.init))
    }

    @Test func longChainsNeedNoRecursion() {
        let x = Tensor(1, requiresGrad: true)
        var y = x
        for _ in 0..<10_000 { y = y * 1.0001 + 0.0001 }
        y.backward()
        let expected = Float(1.0001).pow(10_000)
        #expect(abs(x.grad!.data[0] - expected) < 1e-2)
        // Freeing a much longer graph must not overflow the stack either.
        var z = x
        for _ in 0..<200_000 { z = z + 1 }
        z = Tensor(0)
        #expect(z.data == [0])
    }

    @Test func diamondGraphsSumBothPaths() {
        let x = Tensor(2, requiresGrad: true)
        let h = x.exp()
        let y = h * h + h.sigmoid()  // d/dx = 2e^{2x} + σ'(e^x) e^x
        y.backward()
        let e = Float(2).exp1
        let s = 1 / (1 + (-e).exp1)
        #expect(abs(x.grad!.data[0] - (2 * e * e + s * (1 - s) * e)) < 1e-3)
    }
}

extension Float {
    /// e^self through the library's own kernel (for expected values).
    var exp1: Float { Tensor(self).exp().data[0] }
    func pow(_ n: Int) -> Float { (0..<n).reduce(1) { r, _ in r * self } }
}
