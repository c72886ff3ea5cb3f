import Foundation
import GuideKit
import Testing

@Suite struct GraphRendererTests {
  static let tricky = """
    ---
    id: g
    title: "Quotes \\" and \\\\ backslash"
    version: 1
    ---

    # Title with "quotes", <angle> & a \\\\ backslash

    ## <a id="s"></a>Stage "one" <b>

    1. <a id="a"></a>Step with "quotes", tab\there and # hash.

       **Check:** it's "fine" & <ok>.
    """

  @Test func jsonEscapesAndParses() throws {
    let guide = try #require(try load(Self.tricky).guide)
    let json = JSONGraphRenderer().render(StepGraph(guide: guide))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let nodes = try #require(object["nodes"] as? [[String: Any]])
    let step = try #require(nodes.first { $0["id"] as? String == "a" })
    #expect(step["title"] as? String == "Step with \"quotes\", tab\there and # hash.")
    #expect(step["stage"] as? String == "s")
    let check = try #require(nodes.first { $0["kind"] as? String == "check" })
    // Inline HTML such as <ok> is markup to CommonMark, so it is not part of the plain text.
    #expect(check["title"] as? String == "it's \"fine\" & .")
    let guideInfo = try #require(object["guide"] as? [String: Any])
    #expect(guideInfo["title"] as? String == "Title with \"quotes\",  & a \\ backslash")
  }

  @Test func dotQuotesLabels() throws {
    let guide = try #require(try load(Self.tricky).guide)
    let dot = DOTGraphRenderer().render(StepGraph(guide: guide))
    #expect(dot.contains("label=\"1. Stage \\\"one\\\"\""))
    #expect(!dot.contains("\"one\" "))
  }

  @Test func mermaidEscapesLabels() throws {
    let guide = try #require(try load(Self.tricky).guide)
    let mermaid = MermaidGraphRenderer().render(StepGraph(guide: guide))
    #expect(mermaid.contains("#quot;quotes#quot;"))
    #expect(!mermaid.contains("<ok>"))
  }
}
