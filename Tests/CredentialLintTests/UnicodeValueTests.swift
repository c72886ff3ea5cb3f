import OnboardDiagnostics
import Testing

@testable import CredentialLint

/// Issue 13, item 16: every Unicode space or line break inside a value, and every text-direction
/// control, is found by lint in each file format.
@Suite struct UnicodeValueTests {
  static func files(_ inside: String) -> [(name: String, text: String)] {
    let secret = String(Fake.clientSecret.prefix(20)) + inside + String(Fake.clientSecret.dropFirst(20))
    return [
      (
        "credentials.yml",
        "default:\n  lwa_app_id: \(Fake.appID)\n  lwa_client_secret: '\(secret)'\n  refresh_token: \(Fake.refreshToken)\n"
      ),
      (
        "shop.env",
        "LWA_APP_ID=\(Fake.appID)\nLWA_CLIENT_SECRET='\(secret)'\nSP_API_REFRESH_TOKEN=\(Fake.refreshToken)\n"
      ),
      (
        "secret.json",
        "{\"LWA_APP_ID\": \"\(Fake.appID)\", \"LWA_CLIENT_SECRET\": \"\(secret)\", \"SP_API_REFRESH_TOKEN\": \"\(Fake.refreshToken)\"}\n"
      ),
    ]
  }

  @Test("A wide space inside a value is value/whitespace", arguments: ["\u{2003}", "\u{3000}", "\u{1680}", "\u{205F}"])
  func wideSpaces(_ space: String) throws {
    for file in Self.files(space) {
      let diagnostics = try lint(file.text, file.name, linter: bundledLinter(checkPermissions: false), mode: nil)
      #expect(diagnostics.contains { $0.ruleID == "value/whitespace" }, "\(file.name): \(positions(diagnostics))")
    }
  }

  @Test(
    "A text-direction control inside a value is value/invisible-char", arguments: ["\u{202E}", "\u{2066}", "\u{200F}"])
  func bidiControls(_ control: String) throws {
    for file in Self.files(control) {
      let diagnostics = try lint(file.text, file.name, linter: bundledLinter(checkPermissions: false), mode: nil)
      #expect(diagnostics.contains { $0.ruleID == "value/invisible-char" }, "\(file.name): \(positions(diagnostics))")
      for diagnostic in diagnostics { #expect(!diagnostic.message.unicodeScalars.contains { $0.value == 0x202E }) }
    }
  }
}
