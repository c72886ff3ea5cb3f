import Foundation
import GuideKit
import OnboardDiagnostics
import Roster
import Testing

@testable import Packets

/// Issue 14: the second guide (a payment provider's, Tests/GuideKitTests/Fixtures/other-service)
/// gets the roster's guarantees without a code change: a value outside a declared set is refused
/// at its roster line, and a cut-short or prefixless credential is named as such.
@Suite("Second guide: roster")
struct SecondGuideRosterTests {
  static func guide() throws -> Guide {
    let path = TestSupport.root + "/Tests/GuideKitTests/Fixtures/other-service/tillpoint-payments.md"
    let result = GuideLoader().load(file: path)
    return try #require(result.guide, "\(result.diagnostics)")
  }

  static func check(roster yaml: String) throws -> [Diagnostic] {
    let path = try TestSupport.file(yaml, named: "roster.yml")
    let generator = PacketGenerator(
      guide: try guide(), templates: try TestSupport.templates(), options: .init(outputDirectory: "/nonexistent"))
    return try generator.check(roster: path).diagnostics
  }

  @Test("a roster value outside account_mode's values is refused at its line, with did-you-mean")
  func valueOutsideTheSet() throws {
    let diagnostics = try Self.check(
      roster: "- id: a\n  account_mode: test\n  dashboard_url: https://d.example\n- id: b\n  account_mode: lvie\n")
    let refused = diagnostics.filter { $0.ruleID == RosterRules.valueNotAllowed }
    let finding = try #require(refused.first)
    #expect(refused.count == 1)
    #expect(finding.severity == .error)
    #expect(finding.location.file.hasSuffix("roster.yml"))
    #expect(finding.location.line == 5 && finding.location.column == 17)
    #expect(finding.message.contains("Row 2") && finding.message.contains("'live'"))
  }

  @Test("a cut-short secret key is refused by its length, without the value")
  func cutShortKey() throws {
    let diagnostics = try Self.check(
      roster: "- id: a\n  account_mode: live\n  credentials:\n    secret_key: 'tp_live_CANARY12'\n")
    let finding = try #require(diagnostics.first { $0.message.contains("secret_key") })
    #expect(finding.ruleID == RosterRules.credentialValue)
    #expect(finding.location.line == 4)
    #expect(
      finding.message.contains("16 characters; a Tillpoint secret key is at least 32, so it was probably cut short"))
    #expect(!finding.message.contains("CANARY"))
  }

  @Test("a webhook secret without its prefix says the prefix is missing")
  func missingPrefix() throws {
    let value = "CANARY" + String(repeating: "x7", count: 16)
    let diagnostics = try Self.check(
      roster: "- id: a\n  account_mode: live\n  credentials:\n    webhook_secret: '\(value)'\n")
    let finding = try #require(diagnostics.first { $0.message.contains("webhook_secret") })
    #expect(finding.message.contains("missing the `whsec_` prefix"))
    #expect(!finding.message.contains("format"))
    #expect(!finding.message.contains("CANARY"))
  }
}
