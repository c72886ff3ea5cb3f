import CredentialLint
import OnboardDiagnostics
import Testing

/// The bundled guide's credentials through the linter: the issue's named cases.
@Suite struct BundledGuideLintTests {
  let linter: CredentialLinter

  init() throws {
    linter = try bundledLinter()
  }

  func findings(_ text: String, _ name: String) throws -> [Diagnostic] {
    try linter.lint(bytes: Array(text.utf8), file: name, permissions: 0o600)
  }

  @Test func didYouMeanFromTheGuidesAliases() throws {
    for (typo, intended) in [
      ("lws_app_id", "lwa_app_id"), ("lwa_client_id", "lwa_app_id"), ("client_secret", "lwa_client_secret"),
    ] {
      let text = "default:\n  \(typo): \(Fake.appID)\n  lwa_client_secret: \(Fake.clientSecret)\n"
      let unknown = try #require(try findings(text, "credentials.yml").first { $0.ruleID == "schema/unknown-key" })
      #expect(unknown.message.contains("Did you mean '\(intended)'?"), "\(typo): \(unknown.message)")
    }
    let env = try findings(
      "LWA_REFRESH_TOKEN='\(Fake.refreshToken)'\nLWA_APP_ID=\(Fake.appID)\nLWA_CLIENT_SECRET=\(Fake.clientSecret)\n",
      "x.env")
    #expect(env.contains { $0.ruleID == "schema/unknown-key" && $0.message.contains("'SP_API_REFRESH_TOKEN'") })
    let suffixed = try findings(
      "LWA_CLIENT_ID_shop=\(Fake.appID)\nLWA_CLIENT_SECRET_shop=\(Fake.clientSecret)\n", "shop.env")
    #expect(suffixed.contains { $0.ruleID == "schema/unknown-key" && $0.message.contains("'LWA_APP_ID_shop'") })
  }

  @Test func theGuidesKnownMistakes() throws {
    let appID = "amzn1.sp.solution.0bf296b5-36a6-4942-a13e-1234567890ab"
    let text =
      "default:\n  refresh_token: Atza|IwEBexpiresinanhour\n  lwa_app_id: \(appID)\n  lwa_client_secret: \(String(repeating: "ab", count: 32))\n"
    let found = try findings(text, "credentials.yml").filter { $0.ruleID == "value/known-mistake" }
    #expect(found.count == 3)
    #expect(found.contains { $0.message.contains("App ID") && $0.severity == .error })
    #expect(found.contains { $0.message.contains("access token") && $0.severity == .error })
    #expect(found.contains { $0.message.contains("legacy format") && $0.severity == .note })
    for finding in found { #expect(!finding.message.contains("0bf296b5") && !finding.message.contains("IwEB")) }
  }

  @Test func deprecatedAndFormatAndSwapped() throws {
    let text =
      "default:\n  refresh_token: \(Fake.refreshToken)\n  lwa_app_id: \(Fake.clientSecret)\n  lwa_client_secret: \(Fake.appID)\n  role_arn: arn:aws:iam::123456789012:role/x\n"
    let rules = try findings(text, "credentials.yml").map(\.ruleID)
    #expect(rules.filter { $0 == "value/swapped" }.count == 2)
    #expect(rules.contains("schema/deprecated-key"))
    let short = try findings(
      "{\"LWA_APP_ID\": \"amzn1.application-oa2-client.7b18\", \"LWA_CLIENT_SECRET\": \"\(Fake.clientSecret)\"}",
      "secret.json")
    let format = try #require(short.first { $0.ruleID == "value/format" })
    #expect(format.message.contains("LWA client identifier"))
  }

  /// Issue 14: `Atzr|abc` passed as a refresh token; a token without `Atzr|` got a generic
  /// format message. Both now say exactly what is wrong, without the value.
  @Test func aCutShortTokenAndAMissingPrefixAreNamed() throws {
    let short = try findings(
      "default:\n  refresh_token: 'Atzr|abc'\n  lwa_app_id: \(Fake.appID)\n  lwa_client_secret: \(Fake.clientSecret)\n",
      "credentials.yml")
    let tooShort = try #require(short.first { $0.ruleID == "value/too-short" })
    #expect(tooShort.message.contains("is 8 characters; a refresh token is at least 300"))
    #expect(tooShort.location.line == 2)
    #expect(!short.contains { $0.ruleID == "value/format" })
    #expect(!tooShort.message.contains("Atzr|abc"))
    let headless = String(Fake.refreshToken.dropFirst(5))
    let missing = try findings(
      "default:\n  refresh_token: '\(headless)'\n  lwa_app_id: \(Fake.appID)\n  lwa_client_secret: \(Fake.clientSecret)\n",
      "credentials.yml")
    let prefix = try #require(missing.first { $0.ruleID == "value/missing-prefix" })
    #expect(prefix.message.contains("missing the `Atzr|` prefix"))
    #expect(!missing.contains { $0.ruleID == "value/format" })
    #expect(!prefix.message.contains(String(headless.prefix(12))))
  }

  @Test func theTemplateUnfilledIsFlagged() throws {
    let text = "version: '1.0'\ndefault:\n  refresh_token: ''\n  lwa_app_id: ''\n  lwa_client_secret: ''\n"
    let found = try findings(text, "credentials.yml")
    #expect(
      positions(found) == [
        "2:1 schema/optional-absent", "4:15 schema/missing-required", "5:22 schema/missing-required",
      ])
  }

  @Test func placeholdersAreFlagged() throws {
    for placeholder in ["'<your refresh token>'", "your_refresh_token", "xxx", "...", "changeme", "TODO", "'${TOKEN}'"]
    {
      let text =
        "default:\n  refresh_token: \(placeholder)\n  lwa_app_id: \(Fake.appID)\n  lwa_client_secret: \(Fake.clientSecret)\n"
      #expect(try findings(text, "credentials.yml").contains { $0.ruleID == "value/placeholder" }, "\(placeholder)")
    }
  }
}
