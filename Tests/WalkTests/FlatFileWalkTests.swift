import CredentialSpecs
import Foundation
import GuideKit
import Testing

@testable import Walk

/// A walk with a layout that has no accounts-yaml file (the generic set) writes the chosen flat
/// file (issue 20); its text is exact and every value a complete literal of the format.
@Suite struct FlatFileWalkTests {
  static let specs: CredentialSpecSet = {
    var key = CredentialSpec(key: "api_key", title: "API key")
    key.env = "SHOP_API_KEY"
    let other = CredentialSpec(key: "signing-secret", title: "signing secret")
    return CredentialSpecSet([key, other])
  }()
  static let layout = ServiceLayout(
    service: "generic",
    files: [
      .init(name: "dotenv", kind: .dotenv, file: "credentials.env"),
      .init(name: "yaml", kind: .flatYAML, file: "credentials.yml"),
    ])
  static let values: [(key: String, value: String)] = [("api_key", "it's \\ #x"), ("signing-secret", "s: 1")]

  @Test func dotenvTextNamesEachValueByItsEnvironmentName() {
    let text = WalkSession.flatText(
      Self.values, kind: .dotenv, specs: Self.specs, layout: Self.layout, account: "default")
    #expect(
      text == """
        # Written by onboard walk. Keep this file private (chmod 600) and out of version control.
        # API key
        SHOP_API_KEY='it\\'s \\\\ #x'
        # signing secret
        SIGNING_SECRET='s: 1'

        """)
  }

  @Test func flatYAMLTextKeysEachValueByItsKey() {
    let text = WalkSession.flatText(
      Self.values, kind: .flatYAML, specs: Self.specs, layout: Self.layout, account: "default")
    #expect(text.contains("\napi_key: 'it''s \\ #x'\n"))
    #expect(text.contains("\n'signing-secret': 's: 1'\n"), "keys are written as packets write them")
  }
}
