import Foundation
import Mustache

/// The templates and static assets bundled with LessonKit (`Render/Templates`, `Render/Assets`).
struct SiteResources {
    /// Every `.mustache` template, registered under its file name without extension.
    var templates: MustacheLibrary
    /// The asset files as (name, contents), sorted by name.
    var assets: [(name: String, data: Data)]

    /// Loads both folders from the module's resource bundle.
    static func bundled() throws -> SiteResources {
        guard let templatesURL = Bundle.module.url(forResource: "Templates", withExtension: nil),
              let assetsURL = Bundle.module.url(forResource: "Assets", withExtension: nil)
        else { throw ResourceError(description: "LessonKit's Templates/Assets resources are missing") }
        var library = MustacheLibrary()
        for url in try files(in: templatesURL) where url.pathExtension == "mustache" {
            let text = try String(contentsOf: url, encoding: .utf8)
            do {
                try library.register(text, named: url.deletingPathExtension().lastPathComponent)
            } catch {
                throw ResourceError(description: "template \(url.lastPathComponent): \(error)")
            }
        }
        let assets = try files(in: assetsURL).map { ($0.lastPathComponent, try Data(contentsOf: $0)) }
        return SiteResources(templates: library, assets: assets)
    }

    private static func files(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Renders `object` with the template `name`.
    func render(_ object: Any, template name: String) throws -> String {
        guard let html = templates.render(object, withTemplate: name) else {
            throw ResourceError(description: "no template named \(name)")
        }
        return html
    }
}

/// A missing or broken bundled resource.
struct ResourceError: Error, CustomStringConvertible {
    var description: String
}
