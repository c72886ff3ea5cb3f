import GuideKit
import OnboardDiagnostics
import Testing

/// Every guide rule fires on its triggering examples and not on its non-triggering ones.
@Suite struct GuideRuleCatalogueTests {
  static let entries = GuideRuleCatalogue.entries

  @Test(arguments: entries.map(\.descriptor.id))
  func ruleFiresOnItsExamples(_ id: String) throws {
    let entry = try #require(Self.entries.first { $0.descriptor.id == id })
    for example in entry.triggering {
      let result = try load(example)
      #expect(!result.findings(id).isEmpty, "rule \(id) should fire on:\n\(example)")
      for finding in result.findings(id) {
        #expect(finding.severity == entry.descriptor.defaultSeverity || id == GuideRules.unknownAttribute)
      }
    }
    for example in entry.nonTriggering {
      let result = try load(example)
      #expect(result.findings(id).isEmpty, "rule \(id) should not fire on:\n\(example)\n\(result.findings(id))")
    }
  }

  @Test func ruleIDsAreUnique() {
    let ids = Self.entries.map(\.descriptor.id)
    #expect(Set(ids).count == ids.count)
  }

  @Test func everyRuleHasAnExampleOrAReason() {
    for entry in Self.entries where entry.triggering.isEmpty {
      // Rules about bytes (not UTF-8) and I/O are tested with files in GuideInputTests.
      #expect(
        [GuideRules.notUTF8, GuideRules.io].contains(entry.descriptor.id),
        "\(entry.descriptor.id) needs a triggering example")
    }
  }
}
