import Foundation
import GuideKit
import Testing

/// Issue 14: the graph's JSON nodes carry the condition as the author wrote it (not re-printed
/// from the parsed form) beside its parsed form.
@Suite struct ConditionTextTests {
  static let guide = """
    ---
    id: g
    title: G
    version: 1
    variables:
      tier:
        values: [basic, pro, gold]
    ---

    # G

    ## <a id="s"></a>S

    **When:** tier!='gold'

    1. <a id="a"></a>A.

       **When:** `credential_source=='env'   or credential_source == code`

    2. <a id="b"></a>B.

       **When:** credential_source in [file,code]

    """

  static func nodes() throws -> [[String: Any]] {
    let loaded = try #require(try load(Self.guide).guide)
    let json = JSONGraphRenderer().render(StepGraph(guide: loaded))
    let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    return try #require(root["nodes"] as? [[String: Any]])
  }

  static func condition(of id: String, in nodes: [[String: Any]]) throws -> [String: Any] {
    let node = try #require(nodes.first { $0["id"] as? String == id })
    return try #require(node["condition"] as? [String: Any])
  }

  @Test func aStageConditionIsItsTextAsWritten() throws {
    let condition = try Self.condition(of: "s", in: try Self.nodes())
    #expect(condition["text"] as? String == "tier!='gold'")
    let parsed = try #require(condition["parsed"] as? [String: Any])
    #expect(parsed["op"] as? String == "!=" && parsed["value"] as? String == "gold")
  }

  @Test func aStepConditionJoinsTheWrittenPiecesWithAnd() throws {
    let nodes = try Self.nodes()
    let a = try Self.condition(of: "a", in: nodes)
    #expect(a["text"] as? String == "tier!='gold' and (credential_source=='env'   or credential_source == code)")
    let parsed = try #require(a["parsed"] as? [String: Any])
    #expect(parsed["op"] as? String == "and")
    let operands = try #require(parsed["operands"] as? [[String: Any]])
    #expect(operands.count == 2 && operands[1]["op"] as? String == "or")
    let b = try Self.condition(of: "b", in: nodes)
    #expect(b["text"] as? String == "tier!='gold' and credential_source in [file,code]")
  }

  @Test func aConditionTheGuideNeverWroteIsPrintedFromItsParsedForm() throws {
    let loaded = try #require(try load(Self.guide).guide)
    #expect(loaded.writtenText(of: .equals(variable: "tier", value: "pro")) == "tier == \"pro\"")
  }
}
