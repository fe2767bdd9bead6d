import Testing
@testable import LessonKit

/// The text alternatives of pictures: counts and shared leaves from Graphviz's SVG, labels otherwise.
@Suite struct RenderFigureDescriptionTests {
    @Test func aGraphIsDescribedByItsCountsAndSharedLeaves() throws {
        let dot = """
            digraph tensor { out [label="output\\n[]"]; op0 [label="MulBackward"]; \
            leaf0 [label="layers.input.weight\\n[6, 6]\\nused ×3"]; leaf1 [label="bias\\n[6]"]; \
            op0 -> out; leaf0 -> op0; leaf1 -> op0; }
            """
        let svg = SVGText.inlineable(try Graphviz().rawSVG(for: dot), idPrefix: "p-")
        #expect(FigureDescription.text(svg)
                == "Graph of 4 nodes and 3 edges; shared: layers.input.weight (used ×3)")
    }

    @Test func anotherPictureIsDescribedByItsLabels() {
        let svg = "<svg><text x=\"1\">1e-2</text><line/><text>loss &amp; step</text><text> </text></svg>"
        #expect(FigureDescription.text(svg) == "Picture; its labels: 1e-2, loss & step")
        #expect(FigureDescription.text("<svg><circle r=\"2\"/></svg>") == "Picture")
    }
}
