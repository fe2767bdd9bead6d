import Foundation

/// The results of one run as a text table and as JSON.
struct Report: Encodable {
    struct BLAS: Encodable {
        let corename: String
        let threads: Int
    }
    struct Torch: Encodable {
        let source: String
        let version: String
        let threads: Int
    }

    let machine: String
    let blas: BLAS
    let torch: Torch
    let scale: Double
    let results: [Row]

    init(rows: [Row], machine: String, blas: BLAS, torch: PyTorchAnchors, scale: Double) {
        self.machine = machine
        self.blas = blas
        self.torch = Torch(source: torch.source, version: torch.version, threads: torch.threads)
        self.scale = scale
        results = rows
    }

    /// Pretty-printed JSON with sorted keys (snake_case, as `torch_bench.py` prints).
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The table: our median and best run beside PyTorch's figure, the speed-up and the target.
    func table() -> String {
        let header = ["Workload", "Autograd (median)", "best", "PyTorch", "speed-up", "target"]
        var lines: [[String]] = [header]
        for r in results {
            let target = r.target.map { t in t.text + (r.meetsTarget == true ? "  met" : "  missed") } ?? ""
            lines.append([r.title, Self.figure(r.median, r.unit), r.best.map { Self.figure($0, r.unit) } ?? "",
                          r.torch.map { Self.figure($0, r.unit) } ?? "—",
                          r.speedup.map { Self.number($0) + "×" } ?? "", target])
        }
        let widths = header.indices.map { c in lines.map { $0[c].count }.max()! }
        let rendered = lines.map { cells in
            cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 || c == cells.count - 1 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        let rule = String(repeating: "─", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        return ([rendered[0], rule] + rendered.dropFirst()).joined(separator: "\n") + "\n"
            + "Autograd: \(machine); OpenBLAS \(blas.corename) kernels, \(blas.threads) thread(s).\n"
            + "PyTorch: \(torch.version), \(torch.threads) thread(s), from \(torch.source).\n"
            + "Speed-up: PyTorch's time / our median time (throughput: ours / PyTorch's); above 1 is faster.\n"
    }

    static func figure(_ value: Double, _ unit: String) -> String {
        unit == "×" ? "\(number(value))×" : "\(number(value)) \(unit)"
    }

    /// Three significant digits, without exponent: `1186`, `94.5`, `2.31`, `0.412`.
    static func number(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        return String(format: "%.\(decimals)f", value)
    }
}
