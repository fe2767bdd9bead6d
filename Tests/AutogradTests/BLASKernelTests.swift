import Foundation
import Testing
@testable import Autograd

@Suite struct BLASKernelTests {
    @Test func recommendsTheWidestKernelTheFlagsAllow() {
        #expect(BLASKernel.recommendedCoreType(cpuFlags: ["sse3", "avx", "avx2", "fma", "avx512f"]) == "SkylakeX")
        #expect(BLASKernel.recommendedCoreType(cpuFlags: ["sse3", "avx", "avx2", "fma"]) == "Haswell")
        #expect(BLASKernel.recommendedCoreType(cpuFlags: ["sse3", "avx", "avx2"]) == nil)
        #expect(BLASKernel.recommendedCoreType(cpuFlags: ["sse3", "avx"]) == nil)
    }

    @Test func upgradesOnlyKernelsNarrowerThanTheCPU() {
        let avx512: Set<String> = ["avx2", "fma", "avx512f"]
        let avx2: Set<String> = ["avx2", "fma"]
        // Debian's OpenBLAS on Sapphire Rapids.
        #expect(BLASKernel.upgrade(running: "Prescott", userSetting: nil, cpuFlags: avx512) == "SkylakeX")
        #expect(BLASKernel.upgrade(running: "Haswell", userSetting: nil, cpuFlags: avx512) == "SkylakeX")
        #expect(BLASKernel.upgrade(running: "Prescott", userSetting: nil, cpuFlags: avx2) == "Haswell")
        // Already as wide as the CPU allows.
        #expect(BLASKernel.upgrade(running: "SkylakeX", userSetting: nil, cpuFlags: avx512) == nil)
        #expect(BLASKernel.upgrade(running: "Zen", userSetting: nil, cpuFlags: avx2) == nil)
        #expect(BLASKernel.upgrade(running: "Haswell", userSetting: nil, cpuFlags: avx2) == nil)
    }

    @Test func neverOverridesTheUsersChoiceOrGuesses() {
        #expect(BLASKernel.upgrade(running: "Prescott", userSetting: "Prescott", cpuFlags: ["avx2", "fma", "avx512f"]) == nil)
        #expect(BLASKernel.upgrade(running: "Prescott", userSetting: "", cpuFlags: ["avx2", "fma", "avx512f"]) == nil)
        #expect(BLASKernel.upgrade(running: "Prescott", userSetting: nil, cpuFlags: nil) == nil)
        #expect(BLASKernel.upgrade(running: "Prescott", userSetting: nil, cpuFlags: ["sse3"]) == nil)
    }

    @Test func readsTheFlagsLineOfCpuinfo() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cpuinfo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "processor\t: 0\nmodel name\t: Test CPU\nflags\t\t: fpu sse3 avx2 fma avx512f\nbugs\t\t: none\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(CPUFeatures.flags(cpuinfo: path) == ["fpu", "sse3", "avx2", "fma", "avx512f"])
        #expect(CPUFeatures.flags(cpuinfo: path + ".missing") == nil)
    }

    @Test func namesTheLoadedKernels() {
        #expect(!BLASKernel.corename.isEmpty && BLASKernel.corename != "unknown")
    }
}
