/// Who may talk to `lessons serve`: the server runs arbitrary Swift code for whoever asks, so it
/// answers only requests that name it by its loopback address (a DNS-rebinding host name is
/// refused), and it changes state (runs code) only for requests from its own pages that carry the
/// per-launch secret token — as Jupyter does. Pages and assets are readable without the token.
struct RequestGuard: Sendable {
    /// The port the server listens on.
    let port: Int
    /// The per-launch secret, printed in the URL the server opens.
    let token: String

    /// The request header that carries the token.
    static let tokenHeader = "X-Lessons-Token"

    /// The names that reach the server, which listens on 127.0.0.1 only.
    private var allowedHosts: Set<String> {
        ["127.0.0.1:\(port)", "localhost:\(port)"]
    }

    /// Why a request must be refused (HTTP 403), or nil when it may be answered.
    /// `host` is the Host header (the `:authority`), `origin` the Origin header, `givenToken` the
    /// token header; `changesState` is true for every request that is not GET or HEAD.
    func refusal(host: String?, origin: String?, givenToken: String?, changesState: Bool) -> String? {
        guard let host, allowedHosts.contains(host.lowercased()) else {
            return "unknown Host \((host ?? "(none)").debugDescription): this server answers 127.0.0.1:\(port) only"
        }
        guard changesState else { return nil }
        guard let origin, allowedHosts.contains(where: { "http://\($0)" == origin.lowercased() }) else {
            return "requests that run code must come from this server's own pages (Origin \((origin ?? "(none)").debugDescription))"
        }
        guard let givenToken, Self.constantTimeEqual(givenToken, token) else {
            return "missing or wrong token: open the URL `lessons serve` printed (it holds ?token=…)"
        }
        return nil
    }

    /// A fresh 128-bit secret, hex-encoded, from the system's random number generator.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let word = String(generator.next() as UInt32, radix: 16)
            return String(repeating: "0", count: 8 - word.count) + word
        }.joined()
    }

    /// Compares without stopping at the first difference, so timing does not tell how much matched.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
