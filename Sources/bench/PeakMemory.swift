#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The largest resident set size the process has had so far, in bytes: `VmHWM` of
/// `/proc/self/status`, or `getrusage`'s `ru_maxrss` where that file does not exist.
func peakResidentBytes() -> Int {
    if let file = fopen("/proc/self/status", "r") {
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            guard text.hasPrefix("VmHWM:") else { continue }
            let kib = text.dropFirst("VmHWM:".count).split(separator: " ").first.flatMap { Int($0) }
            if let kib { return kib * 1024 }
        }
    }
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss) * 1024  // KiB on Linux
    #else
    getrusage(RUSAGE_SELF, &usage)
    return Int(usage.ru_maxrss)         // bytes on macOS
    #endif
}
