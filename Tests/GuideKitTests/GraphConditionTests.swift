import Foundation
import GuideKit
import Testing

/// Issue 14: the graph carries conditions, draws alternatives as branches, names notes by their
/// first words, and connects every node or says why it is left out.
@Suite struct GraphConditionTests {
  static func bundledGraph() throws -> StepGraph {
    let guide = try #require(GuideLoader().load(file: bundledGuidePath).guide)
    return StepGraph(guide: guide)
  }

  @Test func jsonNodesHaveTheConditionAsWrittenAndParsed() throws {
    let json = JSONGraphRenderer().render(try Self.bundledGraph())
    let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let nodes = try #require(root["nodes"] as? [[String: Any]])
    let step = try #require(nodes.first { $0["id"] as? String == "environment" })
    let condition = try #require(step["condition"] as? [String: Any])
    #expect(condition["text"] as? String == "credential_source == \"env\"")
    let parsed = try #require(condition["parsed"] as? [String: Any])
    #expect(parsed["op"] as? String == "==")
    #expect(parsed["variable"] as? String == "credential_source")
    #expect(parsed["value"] as? String == "env")
    let install = try #require(nodes.first { $0["id"] as? String == "install" })
    #expect(install["condition"] == nil)
  }

  @Test func dotAndMermaidDrawAlternativesAsLabelledBranches() throws {
    let graph = try Self.bundledGraph()
    let dot = DOTGraphRenderer().render(graph)
    for (step, value) in [("credentials-file", "file"), ("environment", "env"), ("code", "code")] {
      #expect(dot.contains("\"install\" -> \"\(step)\" [style=bold, label=\"credential_source == \\\"\(value)\\\"\"]"))
      #expect(dot.contains("\"\(step)\" -> \"verify\" [style=bold]"))
    }
    #expect(!dot.contains("\"credentials-file\" -> \"environment\""))
    #expect(!dot.contains("\"environment\" -> \"code\""))
    let mermaid = MermaidGraphRenderer().render(graph)
    #expect(mermaid.contains("==>|\"credential_source == #quot;env#quot;\"|"))
    let nextEdges = graph.edges.filter { $0.kind == .next }.map { "\($0.from)>\($0.to)" }
    #expect(nextEdges.contains("install>code") && nextEdges.contains("code>verify"))
    #expect(!nextEdges.contains("environment>code"))
  }

  @Test func notesAreLabelledWithTheirFirstWords() throws {
    let graph = try Self.bundledGraph()
    let notes = graph.nodes.filter { $0.kind == .note }.map(\.title)
    #expect(notes.contains("Warning: This is your only chance to see this …"))
    #expect(notes.contains { $0.hasPrefix("Note: The App ID column") })
    #expect(!notes.contains("Note"))
  }

  @Test func everyNodeIsConnectedOrLeftOutWithAReason() throws {
    let text = """
      ---
      id: g
      title: G
      version: 1
      ---

      # G

      ## <a id="s"></a>Stage

      **When:** credential_source != "code"

      1. <a id="a"></a>Get it.

         **Produces:** `k`

      ## Gallery

      ![Lonely](images/lonely.png)

      ## Credentials

      ```yaml credentials
      k:
        title: K
      old:
        title: Old
        deprecated: true
      ```
      """
    let guide = try #require(try load(text).guide)
    let graph = StepGraph(guide: guide)
    var touched = Set<String>()
    for edge in graph.edges {
      touched.insert(edge.from)
      touched.insert(edge.to)
    }
    for node in graph.nodes { #expect(touched.contains(node.id), "\(node.id) is not connected") }
    #expect(graph.omitted.map(\.id) == ["credential:old", "screenshot:images/lonely.png"])
    let json = JSONGraphRenderer().render(graph)
    #expect(json.contains("\"reason\" : \"no step produces or consumes it\""))
    // The stage's own condition is on the stage, on its steps, and in the cluster's label.
    #expect(graph.nodes.first { $0.id == "s" }?.condition?.text == "credential_source != \"code\"")
    #expect(graph.nodes.first { $0.id == "a" }?.condition?.text == "credential_source != \"code\"")
    #expect(DOTGraphRenderer().render(graph).contains("1. Stage (only when credential_source != \\\"code\\\")"))
  }

  @Test func parsedFormsFlattenChainsAndParse() throws {
    let condition = try ConditionParser.parse("a == \"1\" and b in [x, y] and not c != z or d == e")
    #expect(condition.text.hasPrefix("((a == \"1\" and b in [\"x\", \"y\"]) and not c != \"z\") or d"))
    let parsed = try #require(
      try JSONSerialization.jsonObject(with: Data(condition.parsedJSON(indent: 0).utf8)) as? [String: Any])
    #expect(parsed["op"] as? String == "or")
    let operands = try #require(parsed["operands"] as? [[String: Any]])
    #expect((operands.first?["operands"] as? [Any])?.count == 3)
  }
}
