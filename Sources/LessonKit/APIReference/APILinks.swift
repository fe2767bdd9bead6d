/// Which names in lesson code are Autograd symbols, and the API page each links to, resolved against
/// the symbol pages of a DocC archive.
///
/// Highlighting has no type information, so a name resolves only when the archive leaves little
/// doubt: a top-level name (`Linear`, `manualSeed`; of overloads, the one taking a `Tensor`), a member
/// name (`.backward`, `.stateDict`) that only one type has, or else that `Tensor`, or failing that
/// `Module`, has (the lessons' code mostly calls tensors and modules). Other names stay plain text.
public struct APILinks: Sendable {
    /// Site paths (`api/autograd/linear.html`) of top-level symbols by name.
    let topLevel: [String: String]
    /// Site paths of members by base name (`backward`).
    let members: [String: String]

    /// The links the pages of `archive` resolve.
    public init(_ archive: APIArchive) {
        var topLevel: [String: [APIArchive.Page]] = [:]
        var members: [String: [APIArchive.Page]] = [:]
        for page in archive.pages where page.isSymbol {
            let components = APIArchive.relativePath(page.url).split(separator: "/")
            guard components.count >= 2, let name = Self.baseName(page.node.metadata.title) else { continue }
            if components.count == 2 { topLevel[name, default: []].append(page) } else { members[name, default: []].append(page) }
        }
        self.topLevel = topLevel.compactMapValues { Self.pick($0, owners: []) }
        self.members = members.compactMapValues { Self.pick($0, owners: ["tensor", "module"]) }
    }

    /// The site path of the page for `name`, used as a member (after a `.`) or not.
    func path(for name: String, isMember: Bool) -> String? {
        isMember ? members[name] : topLevel[name]
    }

    /// The name a symbol is written with in code: `backward` for `backward(_:retainGraph:file:line:)`;
    /// nil for initializers, subscripts and operators.
    static func baseName(_ title: String) -> String? {
        let name = String(title.prefix { $0 != "(" })
        guard let first = name.first, first.isLetter || first == "_", name != "init", name != "subscript",
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return name
    }

    /// The page `candidates` agree on: when all are overloads on one type (or all top-level), the
    /// first that takes a `Tensor`, else the first; otherwise the first member of the first of
    /// `owners` that has the name; otherwise none.
    private static func pick(_ candidates: [APIArchive.Page], owners: [String]) -> String? {
        func owner(_ page: APIArchive.Page) -> Substring? { APIArchive.relativePath(page.url).split(separator: "/").dropLast().last }
        if Set(candidates.map(owner)).count == 1 {
            let takesTensor = candidates.first { page in
                page.node.primaryContentSections?.first { $0.kind == "declarations" }?.declarations?.first?.tokens
                    .contains { $0.kind == "typeIdentifier" && $0.text == "Tensor" } == true
            }
            return APIPageWriter.encoded(APIArchive.sitePath((takesTensor ?? candidates[0]).url))
        }
        for name in owners {
            if let page = candidates.first(where: { owner($0) == Substring(name) }) {
                return APIPageWriter.encoded(APIArchive.sitePath(page.url))
            }
        }
        return nil
    }

    /// A digest that changes whenever a link does (for the render memo's keys).
    var fingerprint: String {
        let entries = topLevel.sorted { $0.key < $1.key } + members.sorted { $0.key < $1.key }.map { (".\($0.key)", $0.value) }
        return SHA256.hex(entries.map { "\($0.0)=\($0.1)" }.joined(separator: "\n"))
    }
}
