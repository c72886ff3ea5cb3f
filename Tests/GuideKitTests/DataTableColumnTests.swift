import GuideKit
import OnboardDiagnostics
import Testing

/// A data-table column that could never be used is an error at its name, not dropped in silence.
@Suite("Data table columns")
struct DataTableColumnTests {
  static let guide = SafePathTests.guide(step: "", frontMatter: "data: table.yml\ndata-key: marketplace\n")

  @Test(
    "A column named as a standard variable is an error at the column's name",
    arguments: ["account", "credential_source", "guide_id", "output"])
  func standardVariableColumn(_ name: String) throws {
    let path = try temporaryGuide(
      Self.guide, extraFiles: ["table.yml": "US:\n  region: NA\nDE:\n  region: EU\n  \(name): x\n"])
    let result = GuideLoader().load(file: path)
    let findings = result.findings(GuideRules.dataTable)
    #expect(findings.count == 1)
    #expect(findings.first?.location.file.hasSuffix("table.yml") == true)
    #expect(findings.first?.location.line == 5 && findings.first?.location.column == 3)
    #expect(findings.first?.message.contains("'\(name)'") == true)
    #expect(result.guide?.dataTable?.row("DE")?.values[name] == nil)
    #expect(result.guide?.dataTable?.row("DE")?.values["region"] == "EU")
  }

  @Test("A column name that is not a single value is an error at it")
  func complexColumnName() throws {
    let path = try temporaryGuide(Self.guide, extraFiles: ["table.yml": "US:\n  region: NA\n  [a, b]: x\n"])
    let findings = GuideLoader().load(file: path).findings(GuideRules.dataTable)
    #expect(findings.map(\.location.line) == [3])
  }

  @Test("Other columns are read")
  func ordinaryColumns() throws {
    let path = try temporaryGuide(Self.guide, extraFiles: ["table.yml": "US:\n  region: NA\n  paper: letter\n"])
    let result = GuideLoader().load(file: path)
    #expect(result.findings(GuideRules.dataTable).isEmpty)
    #expect(result.guide?.dataTable?.row("US")?.values == ["region": "NA", "paper": "letter"])
  }
}
