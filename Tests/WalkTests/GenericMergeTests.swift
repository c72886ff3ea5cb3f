import Foundation
import GuideLocating
import Testing

@testable import Walk

/// `onboard credentials merge` with the generic template set's layouts (issue 20): the second
/// bundled guide's `credentials.env` (dotenv) and `credentials.yml` (flat-yaml).
@Suite struct GenericMergeTests {
  static let guide = repositoryRoot + "/guides/fernhill-pay-webhooks.md"
  static let apiKey = "fh_test_" + String(repeating: "c0ffee22", count: 4)
  static let signingSecret = "fhwhsec_" + String(repeating: "deadbeef", count: 5)
  static let otherKey = "fh_live_" + String(repeating: "Ab12", count: 8)
  static let otherSecret = "fhwhsec_" + String(repeating: "Zy98", count: 10)

  static func merger() throws -> CredentialMerger {
    // No --templates: the guide names none, so the generic set is found as `packets` finds it.
    let setup = try GuideSetup.load(guidePath: guide, templateSet: nil)
    #expect(setup.layout.service == "generic")
    return CredentialMerger(specs: setup.guide.credentials, layout: setup.layout)
  }

  static func dotenv(_ key: String = apiKey, _ secret: String = signingSecret) -> String {
    "# returned by the shop\nFERNHILL_API_KEY='\(key)'\nFERNHILL_WEBHOOK_SECRET='\(secret)'\n"
  }

  static func flatYAML(_ key: String = apiKey, _ secret: String = signingSecret) -> String {
    "# returned by the shop\napi_key: '\(key)'\nwebhook_signing_secret: '\(secret)'\n"
  }

  static func shows(_ report: CredentialMerger.Report) -> String {
    (report.inputFindings + report.resultFindings).map { "\($0.location) \($0.message) \($0.fix ?? "")" }
      .joined(separator: "\n") + "\(String(describing: report.refusal))" + report.warnings.joined()
  }

  @Test func aDotenvFileMergesIntoAFlatYAMLFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("returned.env", Self.dotenv(), mode: 0o644)
    let report = try Self.merger().merge(
      [folder.file("returned.env")], into: folder.file("credentials.yml"), replace: false)
    #expect(report.refusal == nil, "\(Self.shows(report))")
    #expect(report.added == ["default"])
    #expect(report.resultFindings.isEmpty, "\(Self.shows(report))")
    #expect(
      folder.read("credentials.yml") == "api_key: '\(Self.apiKey)'\nwebhook_signing_secret: '\(Self.signingSecret)'\n")
    #expect(folder.mode("credentials.yml") == 0o600)
    #expect(!Self.shows(report).contains(Self.signingSecret) && !Self.shows(report).contains("deadbeef"))
  }

  @Test func aFlatYAMLFileMergesIntoADotenvFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("returned.yml", Self.flatYAML())
    let report = try Self.merger().merge([folder.file("returned.yml")], into: folder.file("shop.env"), replace: false)
    #expect(report.refusal == nil, "\(Self.shows(report))")
    #expect(
      folder.read("shop.env") == "FERNHILL_API_KEY='\(Self.apiKey)'\nFERNHILL_WEBHOOK_SECRET='\(Self.signingSecret)'\n")
    #expect(folder.mode("shop.env") == 0o600)
  }

  @Test func aFlatYAMLTargetKeepsItsCommentsAndOtherKeysAndFillsEmptyValues() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    // As the generic set's yaml template writes it, with one value still to fill in.
    let target = """
      # Credentials for Harbour Tea Company (id harbour-tea)
      # Fernhill Pay API key
      api_key: ''   # paste here
      region: eu
      # webhook signing secret: fill in from step 2.2
      webhook_signing_secret:

      """
    try folder.write("credentials.yml", target, mode: 0o644)
    try folder.write("returned.yml", Self.flatYAML())
    let report = try Self.merger().merge(
      [folder.file("returned.yml")], into: folder.file("credentials.yml"), replace: false)
    #expect(report.refusal == nil, "\(Self.shows(report))")
    #expect(report.added == ["default"])
    #expect(
      folder.read("credentials.yml") == """
        # Credentials for Harbour Tea Company (id harbour-tea)
        # Fernhill Pay API key
        api_key: '\(Self.apiKey)'   # paste here
        region: eu
        # webhook signing secret: fill in from step 2.2
        webhook_signing_secret: '\(Self.signingSecret)'

        """)
    #expect(folder.mode("credentials.yml") == 0o600)
  }

  @Test func valuesAlreadyThereAreReplacedOnlyWithReplace() throws {
    for target in ["credentials.yml", "credentials.env"] {
      let folder = try TemporaryFolder()
      defer { folder.cleanUp() }
      let existing = target.hasSuffix(".yml") ? Self.flatYAML() : Self.dotenv()
      try folder.write(target, existing)
      try folder.write("returned.yml", Self.flatYAML(Self.otherKey, Self.otherSecret))
      let refused = try Self.merger().merge([folder.file("returned.yml")], into: folder.file(target), replace: false)
      guard case .conflicts(let conflicts) = refused.refusal else {
        Issue.record("\(target): \(Self.shows(refused))")
        continue
      }
      #expect(conflicts.count == 1 && conflicts[0].contains("pass --replace"), "\(conflicts)")
      #expect(folder.read(target) == existing, "\(target) was changed without --replace")

      let replaced = try Self.merger().merge([folder.file("returned.yml")], into: folder.file(target), replace: true)
      #expect(replaced.refusal == nil && replaced.replaced == ["default"], "\(Self.shows(replaced))")
      let text = try #require(folder.read(target))
      #expect(text.contains(Self.otherKey) && text.contains(Self.otherSecret) && !text.contains(Self.apiKey))
      #expect(text.hasPrefix("# returned by the shop\n"))
    }
  }

  @Test func twoShopsCannotShareOneFlatFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("a.yml", Self.flatYAML())
    try folder.write("b.env", Self.dotenv(Self.otherKey, Self.otherSecret))
    let report = try Self.merger().merge(
      [folder.file("a.yml"), folder.file("b.env")], into: folder.file("all.yml"), replace: false)
    guard case .conflicts = report.refusal else {
      Issue.record("expected a conflict: \(Self.shows(report))")
      return
    }
    #expect(folder.read("all.yml") == nil)
  }

  @Test func aFlatYAMLInputWithAnErrorRefusesTheMerge() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("bad.yml", Self.flatYAML("fh_test_short", Self.signingSecret))
    let report = try Self.merger().merge([folder.file("bad.yml")], into: folder.file("all.yml"), replace: false)
    #expect(
      report.refusal
        == .inputErrors(
          errorCount: report.inputFindings.filter { $0.severity == .error }.count, files: [folder.file("bad.yml")]))
    #expect(folder.read("all.yml") == nil)
    #expect(!Self.shows(report).contains(Self.signingSecret))
  }

  @Test func aFlatYAMLTargetThatIsNotAMappingOrRepeatsAKeyIsRefused() throws {
    for (name, text) in [("list.yml", "- a\n- b\n"), ("twice.yml", "api_key: ''\napi_key: ''\n")] {
      let folder = try TemporaryFolder()
      defer { folder.cleanUp() }
      try folder.write(name, text)
      try folder.write("returned.yml", Self.flatYAML())
      let report = try Self.merger().merge([folder.file("returned.yml")], into: folder.file(name), replace: false)
      guard case .unusableTarget(let message) = report.refusal else {
        Issue.record("\(name): \(Self.shows(report))")
        continue
      }
      #expect(message.contains(folder.file(name) + ":"), "\(message)")
      #expect(folder.read(name) == text)
    }
  }
}
