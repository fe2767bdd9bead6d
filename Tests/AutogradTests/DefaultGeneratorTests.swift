import Foundation
import Testing
import Autograd

/// The default generator is one for the whole process, as PyTorch's is. Other tests draw from it in
/// parallel, and one of their draws can land between a seed and the draws it should decide, so each
/// check runs with a few seeds and needs one undisturbed run; a generator per thread never gives one.
@Suite struct DefaultGeneratorTests {
    @Test func aSeedSetOnOneThreadDecidesWhatAnotherThreadDraws() {
        #expect(oneUndisturbedRun { seed in
            onNewThread { manualSeed(seed) }
            let drawn = onNewThread { Tensor.rand(64).data }
            return drawn == Tensor.rand(64, generator: Generator(seed: seed)).data
        })
    }

    @Test func reseedingRepeatsAndExplicitGeneratorsDoNotAdvanceIt() {
        #expect(oneUndisturbedRun { seed in
            manualSeed(seed)
            let first = Tensor.randn(4, 4).data
            manualSeed(seed)
            _ = Tensor.rand(10, generator: Generator(seed: 11))
            return Tensor.randn(4, 4).data == first && first == Tensor.randn(4, 4, generator: Generator(seed: seed)).data
        })
    }
}

/// Whether `run` succeeds for one of five seeds.
private func oneUndisturbedRun(_ run: (UInt64) -> Bool) -> Bool {
    (UInt64(1_000)..<1_005).contains(where: run)
}

/// The result of `body` run on a thread of its own, waited for.
private func onNewThread<T>(_ body: @escaping () -> T) -> T {
    let result = Box<T>()
    let done = DispatchSemaphore(value: 0)
    Thread {
        result.value = body()
        done.signal()
    }.start()
    done.wait()
    return result.value!
}

private final class Box<T>: @unchecked Sendable {
    var value: T?
}
