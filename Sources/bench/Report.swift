import Foundation

/// The results of all rounds, as a text table and as JSON.
struct Report: Encodable {
    struct BLAS: Encodable {
        let corename: String
        let threads: Int
    }
    struct Torch: Encodable {
        let source: String
        let version: String
        let threads: Int
        /// Whether the bench ran PyTorch itself, before our runs in every round.
        let sideBySide: Bool
    }

    let machine: String
    let blas: BLAS
    let torch: Torch
    let scale: Double
    let rounds: Int
    /// What every figure is, e.g. "mean per run, median of 3 rounds".
    let figures: String
    let results: [Summary]

    /// `rows` holds our rows of each round (the same rows in the same order every round), `torch`
    /// PyTorch's figures of each round (the same fixed figures every round when PyTorch did not run).
    init(rows: [[Row]], torch: [PyTorchAnchors], sideBySide: Bool, machine: String, blas: BLAS, scale: Double) {
        self.machine = machine
        self.blas = blas
        self.torch = Torch(source: torch[0].source, version: torch[0].version, threads: torch[0].threads,
                           sideBySide: sideBySide)
        self.scale = scale
        rounds = rows.count
        figures = rounds == 1 ? "mean per run" : "mean per run, median of \(rounds) rounds"
        results = rows[0].indices.map { i in
            Summary(rows: rows.map { $0[i] }, torch: zip(rows, torch).map { $1.figure(for: $0[i].key) })
        }
    }

    /// Pretty-printed JSON with sorted keys (snake_case, as `torch_bench.py` prints).
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The table: our mean, median and best run beside PyTorch's mean, the speed-up and the target.
    func table() -> String {
        let header = ["Workload", "Autograd mean", "median", "best", "PyTorch mean", "speed-up", "target"]
        var lines: [[String]] = [header]
        for r in results {
            let target = r.target.map { t in t.text + (r.meetsTarget == true ? "  met" : "  missed") } ?? ""
            let spread = r.spread.map { " (\(Self.number($0.min))–\(Self.number($0.max)))" } ?? ""
            lines.append([r.title, Self.figure(r.figure, r.unit), r.median.map { Self.figure($0, r.unit) } ?? "",
                          r.best.map { Self.figure($0, r.unit) } ?? "", r.torch.map { Self.figure($0, r.unit) } ?? "—",
                          r.speedup.map { Self.number($0) + "×" + spread } ?? "", target])
        }
        let widths = header.indices.map { c in lines.map { $0[c].count }.max()! }
        let rendered = lines.map { cells in
            cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 || c >= cells.count - 2 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        let rule = String(repeating: "─", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        return "Figures: \(figures), for both sides (throughput from the mean time).\n"
            + ([rendered[0], rule] + rendered.dropFirst()).joined(separator: "\n") + "\n"
            + "Autograd: \(machine); OpenBLAS \(blas.corename) kernels, \(blas.threads) thread(s).\n"
            + "PyTorch: \(torch.version), \(torch.threads) thread(s), "
            + (torch.sideBySide ? "run before ours in every round: \(torch.source).\n" : "from \(torch.source).\n")
            + "median: our median run (median across rounds); best: our best run of all rounds.\n"
            + "Speed-up: PyTorch's mean over ours (throughput: ours over PyTorch's), above 1 is faster"
            + (rounds > 1 ? "; in brackets the lowest and highest of the per-round speed-ups.\n" : ".\n")
            + "Means are compared with means, as torch_bench.py reports means.\n"
    }

    static func figure(_ value: Double, _ unit: String) -> String {
        unit == "×" || unit == "%" ? "\(number(value))\(unit)" : "\(number(value)) \(unit)"
    }

    /// Three significant digits, without exponent: `1186`, `94.5`, `2.31`, `0.412`.
    static func number(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        return String(format: "%.\(decimals)f", value)
    }
}
