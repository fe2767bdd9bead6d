import Foundation

/// The CPU the figures were measured on (`model name` of `/proc/cpuinfo`) and its core count:
/// PyTorch's recorded figures come from one machine, ours from this one.
func machineDescription() -> String {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
        .flatMap { $0.split(separator: ":", maxSplits: 1).last }
        .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
    return "\(model), \(cores) core\(cores == 1 ? "" : "s")"
}
