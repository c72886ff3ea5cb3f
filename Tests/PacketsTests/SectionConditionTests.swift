import Foundation
import GuideKit
import OnboardDiagnostics
import Roster
import Testing

@testable import Packets

/// Issue 14: `<!-- when -->` regions inside a plain section were ordinary comments, so every
/// seller got the text meant for some. They now hold their blocks for the sellers they apply to.
@Suite("Conditions in plain sections")
struct SectionConditionTests {
  static let text = """
    ---
    id: g
    title: G
    version: 1
    ---

    # G

    ## <a id="s"></a>S

    1. <a id="a"></a>Do A.

    ## Getting help

    Ask the help desk.

    <!-- when: credential_source == "env" -->

    Environment sellers ask the platform team.

    <!-- end -->

    """

  @Test("a region in a plain section reaches only the sellers it applies to, in every packet file")
  func regionInAPlainSection() throws {
    let path = try TestSupport.file(Self.text, named: "guide.md")
    let guide = try #require(GuideLoader().load(file: path).guide)
    let generator = PacketGenerator(
      guide: guide, templates: try TestSupport.templates(), options: .init(outputDirectory: "/nonexistent"))
    func checklist(_ source: String) throws -> String {
      let plan = try generator.plan(Seller(id: "shop-\(source)", credentialSource: source)).get()
      let files = try generator.render(plan)
      let file = try #require(files.first { $0.path == "checklist.md" })
      guard case .bytes(let bytes) = file.content else { return "" }
      return String(decoding: bytes, as: UTF8.self)
    }
    // Rendered one after the other, so a shape made for one seller must not serve the other.
    let env = try checklist("env")
    let file = try checklist("file")
    let envAgain = try checklist("env")
    #expect(env.contains("Ask the help desk.") && file.contains("Ask the help desk."))
    #expect(env.contains("Environment sellers ask the platform team."))
    #expect(!file.contains("Environment sellers ask the platform team."))
    #expect(envAgain == env)
  }

  @Test("an unclosed region in a plain section is an error")
  func unclosed() throws {
    let text = Self.text.replacingOccurrences(of: "<!-- end -->\n", with: "")
    let result = GuideLoader().load(file: try TestSupport.file(text, named: "guide.md"))
    let finding = try #require(result.diagnostics.first { $0.ruleID == GuideRules.unclosedCondition })
    #expect(finding.location.line == 17)
  }
}
