import Testing
@testable import LessonKit

@Suite("Cache: SHA-256")
struct CacheHashTests {
    @Test func standardTestVectors() {
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func incrementalUpdatesEqualOneUpdate() {
        let text = String(repeating: "0123456789", count: 50)
        var hash = SHA256()
        for piece in text.split(separator: "5", omittingEmptySubsequences: false).enumerated() {
            hash.update((piece.offset == 0 ? "" : "5") + piece.element)
        }
        #expect(hash.hexDigest() == SHA256.hex(text))
    }

    @Test func aMillionAs() {
        var hash = SHA256()
        let block = [UInt8](repeating: UInt8(ascii: "a"), count: 10_000)
        for _ in 0..<100 { hash.update(block) }
        #expect(hash.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
