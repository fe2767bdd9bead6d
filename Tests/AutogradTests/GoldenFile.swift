import Autograd
import Foundation

/// A parsed JSON value of a golden file.
enum JSON: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSON].self))
        }
    }

    subscript(key: String) -> JSON? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    var object: [String: JSON]? { if case .object(let v) = self { return v }; return nil }
    var array: [JSON]? { if case .array(let v) = self { return v }; return nil }
    var string: String? { if case .string(let v) = self { return v }; return nil }
    var number: Double? { if case .number(let v) = self { return v }; return nil }
    var bool: Bool? { if case .bool(let v) = self { return v }; return nil }
    var isNull: Bool { self == .null }
    var int: Int? { number.flatMap { $0 == $0.rounded() ? Int($0) : nil } }
}

/// A problem with one golden case: the case fails with this message.
struct GoldenMismatch: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The golden file: where it is, its tolerances and its cases.
struct GoldenFile {
    /// `|a - b| <= absolute + relative * |b|` for ops, models and optimizers.
    let absolute: Double
    let relative: Double
    /// Relative tolerance of training losses.
    let trainingRelative: Double
    let cases: [JSON]
    let path: String

    /// The file named by `AUTOGRAD_GOLDEN`, else the repository's own copy,
    /// `Tests/AutogradTests/Golden/pytorch-golden.json` (found from this source file's path).
    static var location: String {
        if let path = ProcessInfo.processInfo.environment["AUTOGRAD_GOLDEN"], !path.isEmpty { return path }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Tests/AutogradTests
            .appendingPathComponent("Golden/pytorch-golden.json").path
    }

    /// Reads and parses the file at `path`, with its tolerances.
    init(path: String) throws {
        self.path = path
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw GoldenMismatch("golden file not found at \(path) (set AUTOGRAD_GOLDEN to another file)")
        }
        let root = try JSONDecoder().decode(JSON.self, from: bytes)
        guard let cases = root["cases"]?.array else { throw GoldenMismatch("\(path): no \"cases\" array") }
        guard let tolerance = root["conventions"]?["tolerance"]?.string else {
            throw GoldenMismatch("\(path): no conventions.tolerance")
        }
        let bounds = Self.numbers(in: tolerance)
        // "ops, models and optimizers: |a-b| <= 1e-5 + 1e-4*|b|; training losses: relative 1e-3"
        guard tolerance.contains("<="), tolerance.contains("relative"), bounds.count == 3 else {
            throw GoldenMismatch("\(path): cannot read the tolerances in \"\(tolerance)\"")
        }
        (absolute, relative, trainingRelative) = (bounds[0], bounds[1], bounds[2])
        self.cases = cases
    }

    /// The numbers written in scientific or decimal form in `text`, in order.
    private static func numbers(in text: String) -> [Double] {
        text.split(whereSeparator: { !"0123456789.e-".contains($0) })
            .compactMap { token in Double(token.trimmingCharacters(in: CharacterSet(charactersIn: ".-"))) }
            .filter { $0 > 0 }
    }
}

extension JSON {
    /// The `{"shape": [...], "data": [...]}` object as a tensor.
    func tensor(_ what: String, requiresGrad: Bool = false) throws -> Tensor {
        guard let shape = self["shape"]?.array?.compactMap(\.int), let data = self["data"]?.array else {
            throw GoldenMismatch("\(what) is not a {shape, data} tensor")
        }
        let values = data.compactMap { $0.number.map(Float.init) }
        guard values.count == data.count, shape.reduce(1, *) == values.count else {
            throw GoldenMismatch("\(what): \(values.count) values do not fill shape \(shape)")
        }
        return Tensor(values, shape: shape, requiresGrad: requiresGrad)
    }

    /// A required field.
    func field(_ key: String) throws -> JSON {
        guard let value = self[key] else { throw GoldenMismatch("missing field \"\(key)\"") }
        return value
    }
}
