import Testing

@testable import CredentialSpecs

/// `default-layout:` in layout.yml and choosing one file of a layout (issue 20).
@Suite struct DefaultLayoutTests {
  static let files = """
    files:
      - {name: dotenv, kind: dotenv, file: credentials.env}
      - {name: yaml, kind: flat-yaml, file: credentials.yml}
    """

  @Test func defaultLayoutNamesOneFile() throws {
    guard
      case .success(let layout) = ServiceLayout.parse("service: s\ndefault-layout: yaml\n" + Self.files, file: "l.yml")
    else {
      Issue.record("the descriptor did not parse")
      return
    }
    #expect(layout.defaultLayout == "yaml")
    #expect(layout.chosen(nil).files.map(\.name) == ["yaml"])
    #expect(layout.chosen("dotenv").files.map(\.name) == ["dotenv"])
    #expect(layout.choosing("json") == nil)
    #expect(layout.chosen("json").files.count == 2, "a name no file has changes nothing here; packets refuse it")
  }

  @Test func aDefaultLayoutNoFileHasIsAnErrorWhereItIsWritten() {
    guard
      case .failure(let list) = ServiceLayout.parse("service: s\ndefault-layout: toml\n" + Self.files, file: "l.yml")
    else {
      Issue.record("an unknown default-layout was accepted")
      return
    }
    #expect(list.diagnostics.count == 1)
    #expect(list.diagnostics.first?.ruleID == ServiceLayout.malformedRule)
    #expect(list.diagnostics.first?.location.line == 2)
    #expect(list.diagnostics.first?.message.contains("use one of dotenv, yaml") == true)
  }

  @Test func withoutDefaultLayoutEveryFileStays() throws {
    guard case .success(let layout) = ServiceLayout.parse("service: s\n" + Self.files, file: "l.yml") else {
      Issue.record("the descriptor did not parse")
      return
    }
    #expect(layout.defaultLayout == nil && layout.chosen(nil).files.count == 2)
  }
}
