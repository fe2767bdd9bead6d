#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CPU's feature flags as the kernel reports them.
enum CPUFeatures {
    /// The words of the first `flags` line of `/proc/cpuinfo` (e.g. `avx2`, `fma`, `avx512f`), or nil
    /// where that file does not exist or has no such line.
    static func flags(cpuinfo path: String = "/proc/cpuinfo") -> Set<String>? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            guard text.hasPrefix("flags"), let colon = text.firstIndex(of: ":") else { continue }
            return Set(text[text.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
                .map(String.init))
        }
        return nil
    }
}
