import Foundation
import GuideKit
import OnboardDiagnostics
import Testing

/// Issue 14: conditions are checked against what the variables can hold, and the front matter's
/// long form of `variables:` declares those values.
@Suite struct ConditionFidelityTests {
  static let header = "---\nid: g\ntitle: G\nversion: 1\n"  // lines 1-4

  static func bundledText() throws -> String {
    try String(contentsOfFile: bundledGuidePath, encoding: .utf8)
  }

  static func marketplaces() throws -> String {
    try String(contentsOfFile: repositoryRoot + "/guides/marketplaces.yml", encoding: .utf8)
  }

  /// The case from the issue: `credential_source == "enviroment"` passed `check` in silence.
  @Test func aConditionTypoInTheBundledGuideIsAnErrorAtTheValueWithDidYouMean() throws {
    let text = try Self.bundledText()
    #expect(text.contains("**When:** credential_source == \"env\""))
    let typo = text.replacingOccurrences(
      of: "**When:** credential_source == \"env\"", with: "**When:** credential_source == \"enviroment\"")
    let result = try load(typo, extraFiles: ["marketplaces.yml": try Self.marketplaces()])
    let finding = try #require(result.findings(GuideRules.unknownConditionValue).first)
    #expect(finding.severity == .error)
    #expect(finding.message.contains("did you mean \"env\""))
    // The value's own place: `   **When:** credential_source == "enviroment"`.
    let lines = typo.components(separatedBy: "\n")
    let line = try #require(lines.firstIndex { $0.contains("\"enviroment\"") }) + 1
    #expect(finding.location.line == line)
    #expect(finding.location.column == 35)
    // The file, env and code steps no longer cover `env` either.
    let uncovered = try #require(result.findings(GuideRules.uncoveredAlternative).first)
    #expect(uncovered.message.contains("\"env\""))
    #expect(result.guide?.step(id: "credentials-file")?.location.line == uncovered.location.line)
  }

  @Test func theBundledGuideIsCleanOfTheNewRules() throws {
    let result = GuideLoader().load(file: bundledGuidePath)
    #expect(result.findings(GuideRules.unknownConditionValue).isEmpty)
    #expect(result.findings(GuideRules.uncoveredAlternative).isEmpty)
    #expect(result.findings(GuideRules.frontMatter).isEmpty)
  }

  @Test func theDataKeyTakesItsValuesFromTheDataTable() throws {
    let text = try Self.bundledText().replacingOccurrences(
      of: "**When:** credential_source == \"code\"", with: "**When:** marketplace in [DE, DQ]")
    let result = try load(text, extraFiles: ["marketplaces.yml": try Self.marketplaces()])
    let findings = result.findings(GuideRules.unknownConditionValue)
    #expect(findings.count == 1)
    #expect(findings.first?.message.contains("'DQ'") == true)
    #expect(findings.first?.message.contains("did you mean \"DE\"") == true)
  }

  @Test func anUndeclaredVariableIsReportedAtItsOwnWord() throws {
    let guide =
      Self.header
      + "---\n\n# G\n\n## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n"
      + "   **When:** id == \"x\" and credential_sourse == \"env\"\n"
    let result = try load(guide)
    let finding = try #require(result.findings(GuideRules.unknownVariable).first)
    #expect(finding.location.line == 13)
    #expect(finding.location.column == 28)
    #expect(finding.message.contains("did you mean 'credential_source'"))
  }

  @Test func theLongFormDeclaresValuesWithTheirWords() throws {
    let frontMatter = """
      variables:
        owner: the owner
        tier:
          description: the seller's plan
          values:
            basic: the seller is on the basic plan
            pro: the seller is on the pro plan
        size:
          values: [small, large]
        credential_source:
          values:
            file: the credentials are kept in a file

      """
    let guide = Self.header + frontMatter + "---\n\n# G\n\n## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n"
    let result = try load(guide)
    #expect(result.findings(GuideRules.frontMatter).isEmpty, "\(result.diagnostics)")
    let loaded = try #require(result.guide)
    let tier = try #require(loaded.metadata.variables.first { $0.name == "tier" })
    #expect(tier.description == "the seller's plan")
    #expect(tier.values?.map(\.value) == ["basic", "pro"])
    #expect(tier.values?.first?.label == "the seller is on the basic plan")
    #expect(loaded.allowedValues(of: "size") == ["small", "large"])
    #expect(loaded.allowedValues(of: "owner") == nil)
    #expect(loaded.allowedValues(of: "credential_source") == ["file", "env", "code"])
    let source = try #require(loaded.metadata.variables.first { $0.name == "credential_source" })
    #expect(source.values?.first?.label == "the credentials are kept in a file")
    #expect(loaded.allows("PRO", for: "tier"))
    #expect(!loaded.allows("premium", for: "tier"))
  }

  @Test(
    "Mistakes in the long form are front-matter errors at their place",
    arguments: [
      ("variables:\n  credential_source:\n    values: [file, vault]\n", 7, "vault"),
      ("variables:\n  tier:\n    values: {}\n", 7, "lists no values"),
      ("variables:\n  tier:\n    values: [a, A]\n", 7, "twice"),
      ("variables:\n  tier: [basic, pro]\n", 6, "given a list"),
      ("variables:\n  name:\n    values: [a]\n", 7, "standard roster field"),
      ("data-key: marketplace\nvariables:\n  marketplace:\n    values: [US]\n", 8, "data table"),
    ])
  func longFormMistakes(frontMatter: String, line: Int, words: String) throws {
    let guide = Self.header + frontMatter + "---\n\n# G\n\n## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n"
    let result = try load(guide)
    let finding = try #require(
      result.findings(GuideRules.frontMatter).first { $0.message.contains(words) }, "\(result.diagnostics)")
    #expect(finding.severity == .error)
    #expect(finding.location.line == line)
  }

  @Test func anUnknownFieldOfTheLongFormIsAWarningWithDidYouMean() throws {
    let guide =
      Self.header
      + "variables:\n  tier:\n    valuse: [a]\n---\n\n# G\n\n## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n"
    let finding = try #require(try load(guide).findings(GuideRules.frontMatter).first)
    #expect(finding.severity == .warning)
    #expect(finding.message.contains("did you mean 'values'"))
  }

  @Test func alternativesAreCheckedOnlyWhenTheVariableHasAClosedSet() throws {
    let steps =
      "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **When:** tier == \"basic\"\n\n2. <a id=\"b\"></a>B.\n\n   **When:** tier == \"pro\"\n"
    let open = try load(Self.header + "variables:\n  tier: the plan\n---\n\n# G\n\n" + steps)
    #expect(open.findings(GuideRules.uncoveredAlternative).isEmpty)
    let closed = try load(Self.header + "variables:\n  tier:\n    values: [basic, pro, gold]\n---\n\n# G\n\n" + steps)
    let finding = try #require(closed.findings(GuideRules.uncoveredAlternative).first)
    #expect(finding.message.contains("\"gold\""))
    #expect(finding.location.line == 14)
  }

  @Test func comparisonsKnowWhereTheirWordsAre() {
    let comparisons = ConditionComparison.all(in: "not a == \"x\" or b in [c, 'd']")
    #expect(comparisons.map(\.variable) == ["a", "b"])
    #expect(comparisons[0].variableOffset == 4)
    #expect(comparisons[0].values.map(\.offset) == [9])
    #expect(comparisons[1].values.map(\.value) == ["c", "d"])
  }
}
