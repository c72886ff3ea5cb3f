import Foundation
import GuideKit
import OnboardDiagnostics
import Roster
import Testing

@testable import PacketPlanning
@testable import Packets

/// Issue 14: roster values outside a variable's declared set are refused with the roster line, a
/// stage-level `**When:**` guards the whole stage, and cut-short values are named as such.
@Suite("Condition fidelity")
struct PacketConditionFidelityTests {
  static func guide(_ text: String) throws -> Guide {
    let path = try TestSupport.file(text, named: "guide.md")
    let result = GuideLoader().load(file: path)
    return try #require(result.guide, "\(result.diagnostics)")
  }

  static func check(_ guide: Guide, roster yaml: String) throws -> [Diagnostic] {
    let path = try TestSupport.file(yaml, named: "roster.yml")
    let generator = PacketGenerator(
      guide: guide, templates: try TestSupport.templates(), options: .init(outputDirectory: "/nonexistent"))
    return try generator.check(roster: path).diagnostics
  }

  static let tierGuide = """
    ---
    id: g
    title: G
    version: 1
    variables:
      tier:
        description: the seller's plan
        values:
          basic: the basic plan
          pro: the pro plan
    ---

    # G

    ## <a id="s"></a>S

    1. <a id="a"></a>Do it.

       **When:** tier == "pro"

    """

  @Test("A roster value outside the declared set is refused at its line, with did-you-mean")
  func valueOutsideTheSet() throws {
    let guide = try Self.guide(Self.tierGuide)
    let diagnostics = try Self.check(guide, roster: "- id: a\n  tier: pro\n- id: b\n  tier: bsic\n")
    let finding = try #require(diagnostics.first { $0.ruleID == RosterRules.valueNotAllowed })
    #expect(diagnostics.filter { $0.ruleID == RosterRules.valueNotAllowed }.count == 1)
    #expect(finding.location.line == 4 && finding.location.column == 9)
    #expect(finding.location.file.hasSuffix("roster.yml"))
    #expect(finding.message.contains("Row 2") && finding.message.contains("'basic'"))
    #expect(finding.severity == .error)
  }

  @Test("Values are compared without regard to case, as conditions compare them")
  func caseIsIgnored() throws {
    let guide = try Self.guide(Self.tierGuide)
    let diagnostics = try Self.check(guide, roster: "- id: a\n  tier: PRO\n")
    #expect(!diagnostics.contains { $0.ruleID == RosterRules.valueNotAllowed })
  }

  static let stageGuide = """
    ---
    id: g
    title: G
    version: 1
    ---

    # G

    ## <a id="first"></a>First

    1. <a id="a"></a>Do A.

    ## <a id="code-only"></a>Code only

    **When:** credential_source == "code"

    Prose for code sellers.

    1. <a id="b"></a>Do B.

    ## <a id="later"></a>Later

    1. <a id="c"></a>Do C.

       **Requires:** [B](#b)

    """

  /// The case from the issue: a stage-level `**When:**` was recorded but did not guard the stage
  /// (a step another step requires brought it back with its prose).
  @Test("A stage-level When leaves the whole stage out, even a step that another step requires")
  func stageLevelWhen() throws {
    let guide = try Self.guide(Self.stageGuide)
    #expect(guide.stages[1].condition != nil)
    let planner = PacketPlanner(guide: guide)
    let file = try planner.plan(Seller(id: "f", credentialSource: "file")).get()
    #expect(file.stages.map(\.stage.id) == ["first", "later"])
    #expect(file.steps.map(\.step.id) == ["a", "c"])
    let code = try planner.plan(Seller(id: "k", credentialSource: "code")).get()
    #expect(code.stages.map(\.stage.id) == ["first", "code-only", "later"])
    #expect(code.stages[1].blocks.map(\.markdown).joined().contains("Prose for code sellers."))
  }

  /// The case from the issue: `Atzr|abc` passed as a refresh token.
  @Test("A cut-short refresh token in the roster is refused, by length, without the value")
  func cutShortToken() throws {
    let guide = try TestSupport.bundledGuide()
    let diagnostics = try Self.check(
      guide, roster: "- id: a\n  marketplace: US\n  credentials:\n    refresh_token: 'Atzr|abc'\n")
    let finding = try #require(diagnostics.first { $0.message.contains("refresh_token") })
    #expect(finding.ruleID == RosterRules.credentialValue)
    #expect(finding.location.line == 4)
    #expect(finding.message.contains("8 characters; a refresh token is at least 300"))
    #expect(finding.message.contains("value/too-short"))
    #expect(!finding.message.contains("Atzr|abc"))
  }

  @Test("A refresh token without its prefix says the prefix is missing")
  func missingPrefix() throws {
    let guide = try TestSupport.bundledGuide()
    let token = "IwEBCANARY" + String(repeating: "Ab3_x-Yz9Q", count: 35)
    let diagnostics = try Self.check(
      guide, roster: "- id: a\n  marketplace: US\n  credentials:\n    refresh_token: '\(token)'\n")
    let finding = try #require(diagnostics.first { $0.message.contains("refresh_token") })
    #expect(finding.message.contains("missing the `Atzr|` prefix"))
    #expect(!finding.message.contains("format"))
    #expect(!finding.message.contains("CANARY"))
  }
}
