#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Restarts the program once with faster OpenBLAS kernels when the ones it loaded are slower than
/// what the CPU can run; call it first thing in `main`, before any output or work.
///
/// OpenBLAS picks its kernels when the library loads, before `main` runs, and only the
/// `OPENBLAS_CORETYPE` environment variable changes that choice. When the variable is unset and
/// the loaded kernels (``BLASKernel/corename``) use narrower vectors than the CPU allows (Debian's
/// OpenBLAS runs SSE3 "Prescott" kernels on Sapphire Rapids), this sets `OPENBLAS_CORETYPE` to
/// ``BLASKernel/recommendedCoreType(cpuFlags:)`` and replaces the process with a fresh copy of
/// itself (`execv` of `/proc/self/exe` with the same arguments). The restarted process finds the
/// variable set and returns at once, so there is at most one restart, and a value the user set is
/// never overridden.
///
/// ```swift
/// import Autograd
/// ensureFastBLAS()        // e.g. 29 → 109 GFLOP/s for a 512³ sgemm on Sapphire Rapids
/// ```
///
/// Different kernels sum in different orders, so the last bits of results depend on the choice:
/// programs whose printed output must be identical on every machine should instead fix one kernel
/// for all machines (the lesson runner sets `OPENBLAS_CORETYPE=Haswell` and one thread).
/// Returns without restarting on systems without `/proc/self/exe`, or if `execv` fails.
public func ensureFastBLAS() {
    #if os(Linux)
    let setting = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }
    guard let coreType = BLASKernel.upgrade(running: BLASKernel.corename, userSetting: setting,
                                            cpuFlags: CPUFeatures.flags()) else { return }
    setenv("OPENBLAS_CORETYPE", coreType, 1)
    fflush(nil)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    // Still here: the restart failed. Keep running with the loaded kernels.
    unsetenv("OPENBLAS_CORETYPE")
    #endif
}
