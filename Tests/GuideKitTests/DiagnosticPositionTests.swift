import Foundation
import GuideKit
import OnboardDiagnostics
import Testing

/// One fixture per diagnostic, with the exact line:column it must report.
@Suite struct DiagnosticPositionTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var rule: String
    var guide: String
    var line: Int
    var column: Int
    var testDescription: String { rule }
  }

  static let header = "---\nid: g\ntitle: G\nversion: 1\n---\n\n# G\n\n"  // lines 1-8

  static let cases: [Case] = [
    Case(
      rule: GuideRules.duplicateID,
      guide: header + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n2. <a id=\"a\"></a>B.\n", line: 12, column: 1),
    Case(
      rule: GuideRules.unknownLinkTarget,
      guide: header + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>See [x](#missing).\n", line: 11, column: 22),
    Case(
      rule: GuideRules.requiresCycle,
      guide: header
        + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **Requires:** [b](#b)\n\n2. <a id=\"b\"></a>B.\n\n   **Requires:** [a](#a)\n",
      line: 13, column: 18),
    Case(
      rule: GuideRules.consumedBeforeProduced,
      guide: header
        + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **Consumes:** `k`\n\n## C\n\n```yaml credentials\nk:\n  title: K\n```\n",
      line: 13, column: 19),
    Case(
      rule: GuideRules.unspecifiedCredential,
      guide: header + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **Produces:** `token`\n", line: 13,
      column: 19),
    Case(
      rule: GuideRules.neverProduced,
      guide: header
        + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n## C\n\n```yaml credentials\nkey_one:\n  title: K\n```\n",
      line: 16, column: 1),
    Case(
      rule: GuideRules.missingScreenshot,
      guide: header + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   ![Shot](images/none.png)\n", line: 13,
      column: 4),
    Case(
      rule: GuideRules.imageWithoutAlt,
      guide: header + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   ![](images/none.png)\n", line: 13, column: 4),
    Case(
      rule: GuideRules.unusedScreenshot,
      guide: header + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n## Gallery\n\n![Alone](alone.png)\n", line: 15,
      column: 1),
    Case(
      rule: GuideRules.unknownAttribute,
      guide: header + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **Produce:** `k`\n", line: 13, column: 4),
    Case(
      rule: GuideRules.malformedCondition,
      guide: header + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **When:** id == \n", line: 13, column: 19),
    Case(
      rule: GuideRules.malformedCredentials,
      guide: header
        + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n## C\n\n```yaml credentials\nk:\n  pattern: '(['\n```\n",
      line: 17, column: 12),
    Case(
      rule: GuideRules.unknownVariable,
      guide: header + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>Open {{seler_url}} now.\n", line: 11, column: 23),
    Case(
      rule: GuideRules.sectionWithoutSteps,
      guide: header + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n## <a id=\"x\"></a>X\n\nProse.\n", line: 13,
      column: 1),
    Case(
      rule: GuideRules.unclosedCondition,
      guide: header + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   <!-- when: id == \"x\" -->\n\n   X only.\n",
      line: 13, column: 4),
    Case(
      rule: GuideRules.noStages,
      guide: header + "Just prose.\n", line: 1, column: 1),
    Case(
      rule: GuideRules.frontMatter,
      guide: "---\nid: g\ntitel: G\nversion: 1\n---\n# G\n", line: 3, column: 1),
    Case(
      rule: GuideRules.derivedID,
      guide: header + "## Stage\n\n1. <a id=\"a\"></a>A.\n", line: 9, column: 1),
    // The value's own column: `   **When:** ` is 13 bytes, `credential_source == ` 21 more.
    Case(
      rule: GuideRules.unknownConditionValue,
      guide: header
        + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **When:** credential_source == \"enviroment\"\n",
      line: 13, column: 35),
    // In a region comment, the value in a list (`cod` starts at byte column 43).
    Case(
      rule: GuideRules.unknownConditionValue,
      guide: header
        + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   <!-- when: credential_source in [file, cod] -->\n\n   X.\n\n   <!-- end -->\n",
      line: 13, column: 43),
    Case(
      rule: GuideRules.unknownVariable,
      guide: header + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **When:** `credential_sorce == \"env\"`\n",
      line: 13, column: 15),
    Case(
      rule: GuideRules.uncoveredAlternative,
      guide: header
        + "## <a id=\"s\"></a>S\n\n1. <a id=\"i\"></a>I.\n2. <a id=\"f\"></a>F.\n\n   **When:** credential_source == \"file\"\n\n3. <a id=\"e\"></a>E.\n\n   **When:** credential_source == \"env\"\n",
      line: 12, column: 1),
  ]

  @Test(arguments: cases)
  func reportsExactPosition(_ testCase: Case) throws {
    let result = try load(testCase.guide)
    let findings = result.findings(testCase.rule)
    #expect(!findings.isEmpty, "no \(testCase.rule) in \(result.diagnostics)")
    let positions = findings.map { "\($0.location.line):\($0.location.column)" }
    #expect(positions.contains("\(testCase.line):\(testCase.column)"), "\(testCase.rule) at \(positions)")
    for finding in findings {
      #expect(finding.location.file.hasSuffix("guide.md"))
      #expect(!finding.message.isEmpty)
    }
  }

  @Test func utf8ByteColumns() throws {
    // "é" is two bytes: the link starts at byte column 24, not character column 23.
    let result = try load(Self.header + "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>Café [x](#nope).\n")
    #expect(
      result.findings(GuideRules.unknownLinkTarget).first.map { "\($0.location.line):\($0.location.column)" } == "11:24"
    )
  }
}
