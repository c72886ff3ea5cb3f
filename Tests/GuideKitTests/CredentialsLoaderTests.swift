import CredentialSpecs
import Foundation
import GuideKit
import OnboardDiagnostics
import Testing

/// `GuideLoader.loadCredentials` (what `onboard lint` reads) must agree with the full loader.
@Suite struct CredentialsLoaderTests {
  @Test func bundledGuideGivesTheSameSpecsAsTheFullLoad() throws {
    let full = try #require(GuideLoader().load(file: bundledGuidePath).guide)
    let light = try GuideLoader().loadCredentials(file: bundledGuidePath).get()
    #expect(light.credentials == full.credentials)
    #expect(light.metadata == full.metadata)
    #expect(light.credentials.specs.count >= 3)
    #expect(light.diagnostics.filter { $0.severity == .error }.isEmpty)
  }

  @Test func findsTheBlockInALaterSectionAndReportsItsErrorsWhereTheFullLoadDoes() throws {
    let text = """
      ---
      id: tiny
      title: Tiny
      version: "1"
      ---
      # Tiny

      ## Set up
      1. Do it.

      ## Credentials

      ```yaml credentials
      token:
        env: TOKEN
        secret: true
        colour: blue
      ```
      """
    let path = try temporaryGuide(text)
    let light = try GuideLoader().loadCredentials(file: path).get()
    let full = GuideLoader().load(file: path)
    #expect(light.credentials == full.guide?.credentials)
    #expect(light.credentials.specs.map(\.key) == ["token"])
    let unknownField = try #require(light.diagnostics.first { $0.ruleID == CredentialSpecParser.Rule.unknownField })
    let fullUnknownField = try #require(full.diagnostics.first { $0.ruleID == CredentialSpecParser.Rule.unknownField })
    #expect(unknownField.location == fullUnknownField.location)
    #expect(unknownField.location.line == 17)
  }

  @Test func aFileThatIsNotAGuideFailsWithItsRule() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("onboard-cl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let binary = folder.appendingPathComponent("guide.md")
    try Data([0x66, 0x6f, 0x00, 0xff, 0xfe, 0x00]).write(to: binary)
    switch GuideLoader().loadCredentials(file: binary.path) {
    case .success: Issue.record("a binary file loaded as a guide")
    case .failure(let list):
      #expect(list.diagnostics.count == 1)
      #expect(list.diagnostics.first?.location.line == 1)
    }
    switch GuideLoader().loadCredentials(file: folder.appendingPathComponent("missing.md").path) {
    case .success: Issue.record("a missing file loaded as a guide")
    case .failure(let list): #expect(list.diagnostics.first?.ruleID == GuideRules.io)
    }
  }
}
