#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CBLAS

/// Which OpenBLAS kernels run the matrix products, and how to pick fast ones.
///
/// Debian's OpenBLAS (0.3.21, built with `DYNAMIC_ARCH`) chooses its kernels once, when the
/// library loads, from the CPU it detects. It does not know recent CPUs (Sapphire Rapids is taken
/// for a "Prescott" and gets SSE3 kernels, about a quarter of the AVX-512 speed), and it reads the
/// `OPENBLAS_CORETYPE` environment variable, at load time only, to override the choice.
/// ``recommendedCoreType(cpuFlags:)`` names the kernel family the CPU can run, ``ensureFastBLAS()``
/// restarts the program with it when the loaded kernels are slower, and ``corename`` tells which
/// kernels are running.
public enum BLASKernel {
    /// The kernel family OpenBLAS is running, e.g. `"Haswell"`, `"SkylakeX"`, `"Zen"`, `"Prescott"`.
    public static var corename: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// How many threads OpenBLAS uses for one product; setting it takes effect immediately
    /// (like `OPENBLAS_NUM_THREADS`, which is read at load time).
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }

    /// The fastest `OPENBLAS_CORETYPE` this CPU can run, from its feature flags (`/proc/cpuinfo`'s
    /// `flags` line by default): `"SkylakeX"` with AVX-512F, `"Haswell"` with AVX2 and FMA, nil
    /// otherwise (or when the flags cannot be read: leave OpenBLAS's own choice).
    public static func recommendedCoreType(cpuFlags: Set<String>? = nil) -> String? {
        guard let flags = cpuFlags ?? CPUFeatures.flags() else { return nil }
        if flags.contains("avx512f") { return "SkylakeX" }
        if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
        return nil
    }

    /// The value to give `OPENBLAS_CORETYPE` before restarting, or nil to keep the running kernels:
    /// nil when the user set the variable (`userSetting`, even to an empty string), when the CPU's
    /// flags are unknown, or when the `running` kernels use the same vector width as the
    /// recommended ones (OpenBLAS's own "Zen" choice is as fast as "Haswell").
    static func upgrade(running: String, userSetting: String?, cpuFlags: Set<String>?) -> String? {
        guard userSetting == nil, let flags = cpuFlags,
              let recommended = recommendedCoreType(cpuFlags: flags) else { return nil }
        return tier(of: running) < tier(of: recommended) ? recommended : nil
    }

    /// 2 for AVX-512 kernel families, 1 for AVX2 ones, 0 for older or unknown ones.
    static func tier(of corename: String) -> Int {
        switch corename.lowercased() {
        case "skylakex", "cooperlake", "sapphirerapids": return 2
        case "haswell", "zen", "skylake", "zen2", "zen3", "zen4": return 1
        default: return 0
        }
    }
}
