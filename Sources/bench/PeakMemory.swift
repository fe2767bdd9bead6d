import Foundation

/// The largest resident set size the process has had so far, in bytes: `VmHWM` of
/// `/proc/self/status`, or `getrusage`'s `ru_maxrss` where that file does not exist.
func peakResidentBytes() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let kib = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        .flatMap { $0.dropFirst("VmHWM:".count).split(separator: " ").first }
        .flatMap { Int($0) }
    if let kib { return kib * 1024 }
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss) * 1024  // KiB on Linux
    #else
    getrusage(RUSAGE_SELF, &usage)
    return Int(usage.ru_maxrss)         // bytes on macOS
    #endif
}
