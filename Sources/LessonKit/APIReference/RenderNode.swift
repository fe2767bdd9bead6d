/// The part of DocC's render JSON (`data/documentation/**.json` in a DocC archive, the format of
/// swift-docc's `RenderNode`) that the static API pages show. Fields this site does not show are
/// not decoded; a block or inline type it cannot show is an error (``APIPageWriter``).
struct RenderNode: Decodable {
    struct Metadata: Decodable {
        var title: String
        var roleHeading: String?
    }

    /// One of the page's main sections: a declaration, parameters, or discussion content.
    struct PrimarySection: Decodable {
        var kind: String
        var declarations: [Declaration]?
        var parameters: [Parameter]?
        var content: [Block]?
    }

    struct Declaration: Decodable {
        var tokens: [Token]
    }

    /// A piece of a declaration: a keyword, an identifier, a type (linked when it is in the archive).
    struct Token: Decodable {
        var kind: String
        var text: String
        var identifier: String?
    }

    struct Parameter: Decodable {
        var name: String
        var content: [Block]
    }

    /// A titled list of links: Topics, See Also, and relationships (Inherits From, Conforms To).
    struct LinkSection: Decodable {
        var title: String?
        var anchor: String?
        var identifiers: [String]
    }

    /// The path of parent pages, outermost first.
    struct Hierarchy: Decodable {
        var paths: [[String]]?
    }

    var metadata: Metadata
    var abstract: [Inline]?
    var primaryContentSections: [PrimarySection]?
    var topicSections: [LinkSection]?
    var relationshipsSections: [LinkSection]?
    var seeAlsoSections: [LinkSection]?
    var hierarchy: Hierarchy?
    var references: [String: Reference]?
}

/// A page, symbol or external link a render node refers to by identifier.
struct Reference: Decodable {
    var type: String
    var title: String?
    /// The archive URL of a page (`/documentation/autograd/tensor`), for `topic` references.
    var url: String?
    /// The abstract shown under a link in Topics.
    var abstract: [Inline]?
    /// `symbol` or `article` for topics.
    var kind: String?
    /// The target of a `link` reference.
    var destination: String?
    /// A symbol's short declaration (`func sum(dim: Int, keepdim: Bool) -> Tensor`), shown in Topics.
    var fragments: [RenderNode.Token]?
}

/// A block of documentation content.
struct Block: Decodable {
    struct Item: Decodable {
        var content: [Block]
    }

    var type: String
    var inlineContent: [Inline]?
    var level: Int?
    var text: String?
    var anchor: String?
    var code: [String]?
    var syntax: String?
    var items: [Item]?
    var content: [Block]?
    var style: String?
    var name: String?
    var header: String?
    var rows: [[[Block]]]?
    var start: Int?
}

/// Inline documentation content: text, code voice, emphasis, links and references.
struct Inline: Decodable {
    var type: String
    var text: String?
    var code: String?
    var inlineContent: [Inline]?
    var identifier: String?
    var destination: String?
    var title: String?
    var overridingTitle: String?
}
