import CredentialSpecs
import Foundation
import GuideKit
import OnboardDiagnostics
import Testing

/// Issue 14: "a second guide for another service, written from docs/guide-format.md alone, gets
/// the same guarantees without a code change". The guide is a payment provider's
/// (Fixtures/other-service/tillpoint-payments.md: a secret API key, a webhook signing secret, a
/// declared variable with values); these are the guarantees `check` and `graph` give it. The
/// roster's are in PacketsTests (SecondGuideRosterTests), the outputs' in WalkTests
/// (OutputCoverageTests discovers the fixture).
@Suite struct SecondGuideTests {
  static let path = repositoryRoot + "/Tests/GuideKitTests/Fixtures/other-service/tillpoint-payments.md"

  static func text() throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

  /// The 1-based line and column (in UTF-8 bytes) of the first occurrence of `needle`.
  static func position(of needle: String, in text: String) throws -> (line: Int, column: Int) {
    let lines = text.components(separatedBy: "\n")
    let index = try #require(lines.firstIndex { $0.contains(needle) })
    let line = lines[index]
    let range = try #require(line.range(of: needle))
    return (index + 1, line[..<range.lowerBound].utf8.count + 1)
  }

  @Test func theGuideLoadsWithoutErrorsAndHasEveryElement() throws {
    let result = GuideLoader().load(file: Self.path)
    let guide = try #require(result.guide)
    #expect(!result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
    // Only the screenshot, which no test folder holds, is a warning.
    #expect(
      result.diagnostics.filter { $0.severity == .warning }.allSatisfy { $0.ruleID == GuideRules.missingScreenshot })
    #expect(guide.stages.map(\.id) == ["dashboard", "webhooks"])
    #expect(guide.allowedValues(of: "account_mode") == ["test", "live"])
    #expect(guide.step(id: "test-mode")?.condition != nil && guide.step(id: "live-mode")?.condition != nil)
    #expect(guide.sections.contains { $0.title == "Getting help" && $0.isCarried })
    #expect(guide.stages[0].notes.count == 1 && guide.stages[1].notes.first?.kind == .warning)
    #expect(guide.step(id: "create-secret-key")?.notes.first?.kind == .warning)
    #expect(guide.step(id: "open-api-keys")?.screenshots.count == 1)
    #expect(guide.steps.flatMap(\.checks).count == 4)
    let specs = guide.credentials.specs
    #expect(specs.map(\.key).sorted() == ["publishable_key", "secret_key", "webhook_secret"])
    #expect(specs.first { $0.key == "secret_key" }?.minLength == 32)
    #expect(specs.first { $0.key == "webhook_secret" }?.publicPrefix == "whsec_")
  }

  @Test func aTypoInAConditionValueIsAnErrorAtItsPlaceWithDidYouMean() throws {
    let typo = try Self.text().replacingOccurrences(
      of: "**When:** account_mode == \"live\"", with: "**When:** account_mode == \"lvie\"")
    let result = try load(typo)
    let finding = try #require(result.findings(GuideRules.unknownConditionValue).first)
    #expect(finding.severity == .error)
    #expect(finding.message.contains("'lvie'") && finding.message.contains("did you mean \"live\""))
    let (line, column) = try Self.position(of: "lvie", in: typo)
    #expect(finding.location.line == line)
    #expect(finding.location.column == column - 1)  // at the opening quote
  }

  @Test func anUndeclaredVariableInAConditionIsAnErrorWithDidYouMean() throws {
    let typo = try Self.text().replacingOccurrences(
      of: "**When:** account_mode == \"test\"", with: "**When:** acount_mode == \"test\"")
    let finding = try #require(try load(typo).findings(GuideRules.unknownVariable).first)
    let (line, column) = try Self.position(of: "acount_mode", in: typo)
    #expect(finding.location.line == line && finding.location.column == column)
    #expect(finding.message.contains("did you mean 'account_mode'"))
  }

  @Test func aValueNoAlternativeCoversIsAWarningAtTheFirstAlternative() throws {
    let widened = try Self.text().replacingOccurrences(
      of: "      live: the shop takes real payments\n",
      with: "      live: the shop takes real payments\n      paused: the shop takes no payments for now\n")
    let result = try load(widened)
    let finding = try #require(result.findings(GuideRules.uncoveredAlternative).first)
    #expect(finding.severity == .warning)
    #expect(finding.message.contains("\"paused\""))
    #expect(finding.location.line == result.guide?.step(id: "test-mode")?.location.line)
    // The guide as written covers both of its values.
    #expect(GuideLoader().load(file: Self.path).findings(GuideRules.uncoveredAlternative).isEmpty)
  }

  @Test func theGraphCarriesTheAlternativesAndTheirConditions() throws {
    let guide = try #require(GuideLoader().load(file: Self.path).guide)
    let graph = StepGraph(guide: guide)
    let json = JSONGraphRenderer().render(graph)
    let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let nodes = try #require(root["nodes"] as? [[String: Any]])
    let live = try #require(nodes.first { $0["id"] as? String == "live-mode" })
    let condition = try #require(live["condition"] as? [String: Any])
    #expect(condition["text"] as? String == "account_mode == \"live\"")
    let dot = DOTGraphRenderer().render(graph)
    #expect(dot.contains("\"open-api-keys\" -> \"test-mode\" [style=bold, label=\"account_mode == \\\"test\\\"\"]"))
    #expect(dot.contains("\"open-api-keys\" -> \"live-mode\" [style=bold, label=\"account_mode == \\\"live\\\"\"]"))
    #expect(!dot.contains("\"test-mode\" -> \"live-mode\""))
    let notes = graph.nodes.filter { $0.kind == .note }.map(\.title)
    #expect(notes.contains { $0.hasPrefix("Warning: The secret key is shown") })
  }

  @Test func cutShortAndPrefixlessValuesGetTheExactMessages() throws {
    let guide = try #require(GuideLoader().load(file: Self.path).guide)
    let specs = guide.credentials
    let validator = ValueValidator(specs: specs)
    let secretKey = try #require(specs.specs.first { $0.key == "secret_key" })
    let cut = validator.check("tp_test_4eC39Hq", as: secretKey)
    #expect(
      cut.map(\.message) == [
        "The value of 'secret_key' is 15 characters; a Tillpoint secret key is at least 32, so it was probably cut short."
      ])
    #expect(cut.map(\.ruleID) == [ValueValidator.Rule.tooShort])
    let webhook = try #require(specs.specs.first { $0.key == "webhook_secret" })
    let noPrefix = validator.check(String(repeating: "a1B2", count: 9) + "x9", as: webhook)
    #expect(
      noPrefix.map(\.message) == [
        "The value of 'webhook_secret' is missing the `whsec_` prefix: every webhook signing secret starts with it."
      ])
  }
}
