import Foundation

/// A DocC archive (`docc convert` output) read for the site: every page's render JSON, by the path
/// its static page gets under `api/`.
public struct APIArchive {
    /// One page of the reference.
    struct Page {
        /// The archive URL (`/documentation/autograd/tensor/backward(_:retaingraph:file:line:)`).
        var url: String
        var node: RenderNode
        /// Whether the page documents a symbol (not an article or an automatic group).
        var isSymbol: Bool
    }

    /// The pages, sorted by URL.
    let pages: [Page]

    /// The folder of render JSON inside an archive.
    static let dataFolder = "data/documentation"

    /// Reads every page of the archive at `folder`; an archive without pages, or a page DocC's
    /// render JSON format does not describe, is an error naming the file.
    public static func load(_ folder: URL) throws -> APIArchive {
        let data = folder.appendingPathComponent(dataFolder)
        guard let walker = FileManager.default.enumerator(at: data, includingPropertiesForKeys: nil) else {
            throw APIReferenceError("\(folder.path) is not a DocC archive (no \(dataFolder)); run `make docs`")
        }
        var pages: [Page] = []
        let decoder = JSONDecoder()
        let base = data.standardizedFileURL.path + "/"
        while let file = walker.nextObject() as? URL {
            guard file.pathExtension == "json" else { continue }
            // data/documentation/autograd/tensor.json is the page /documentation/autograd/tensor.
            let url = "/documentation/" + file.standardizedFileURL.deletingPathExtension().path.dropFirst(base.count)
            struct Kind: Decodable { var kind: String }
            do {
                let bytes = try Data(contentsOf: file)
                let node = try decoder.decode(RenderNode.self, from: bytes)
                let isSymbol = try decoder.decode(Kind.self, from: bytes).kind == "symbol"
                pages.append(Page(url: url, node: node, isSymbol: isSymbol))
            } catch {
                throw APIReferenceError("\(file.path): not DocC render JSON: \(error)")
            }
        }
        guard !pages.isEmpty else { throw APIReferenceError("\(folder.path): the archive has no pages") }
        return APIArchive(pages: pages.sorted { $0.url < $1.url })
    }

    /// The site path of a page's static HTML: `api/` + the URL after `/documentation/` + `.html`.
    static func sitePath(_ url: String) -> String {
        "api/" + relativePath(url) + ".html"
    }

    /// The URL after `/documentation/` (`autograd/tensor`).
    static func relativePath(_ url: String) -> String {
        var path = Substring(url)
        for prefix in ["/documentation/", "/"] where path.hasPrefix(prefix) { path = path.dropFirst(prefix.count) }
        return String(path)
    }

    /// The site path of the module's landing page (the shortest URL).
    var landingPath: String {
        Self.sitePath(pages.min { ($0.url.count, $0.url) < ($1.url.count, $1.url) }!.url)
    }

    /// Symbols documented by nobody: their page has no abstract (no doc comment, none inherited).
    public var undocumentedSymbols: [String] {
        pages.filter { $0.isSymbol && ($0.node.abstract ?? []).isEmpty }.map { Self.relativePath($0.url) }
    }
}

/// A DocC archive that cannot be published.
public struct APIReferenceError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
