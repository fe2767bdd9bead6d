import Crypto
import Foundation

/// SHA-256 for cache keys, computed by swift-crypto (BoringSSL's implementation). The runner hashes
/// the library's and its own sources on every command, about a megabyte: a hand-written hash compiled
/// in the debug build that `make` and CI use took most of a fully cached `lessons test`.
public struct SHA256 {
    private var hasher = Crypto.SHA256()

    public init() {}

    /// Adds bytes to the message.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        hasher.update(data: Array(bytes))
    }

    /// Adds a file's or buffer's bytes without copying them into an array first.
    public mutating func update(_ data: Data) {
        hasher.update(data: data)
    }

    /// Adds the UTF-8 bytes of `text`.
    public mutating func update(_ text: String) { update(Array(text.utf8)) }

    /// The digest as 64 lowercase hexadecimal digits.
    public func hexDigest() -> String {
        hasher.finalize().map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
        }.joined()
    }

    /// The hex digest of `text`'s UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        var hash = SHA256()
        hash.update(text)
        return hash.hexDigest()
    }
}
