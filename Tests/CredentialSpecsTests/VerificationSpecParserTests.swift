import CredentialSpecs
import OnboardDiagnostics
import Testing

/// Issue 17: the credentials block's `verify:` key.
@Suite struct VerificationSpecParserTests {
  static let credentials = """
    app:
      title: client id
    secret:
      title: client secret
    token:
      title: refresh token

    """

  static let valid =
    credentials + """
      verify:
        token-url: https://auth.example.com/o2/token
        client-id: app
        client-secret: secret
        refresh-token: token
        errors:
          invalid_client: {credentials: [app, secret], fix: Check both.}
          invalid_grant:
            credentials: [token]
            fix: Authorise again.
          http-5xx: {credentials: [], fix: Try later.}
        probe:
          method: get
          url: '{{endpoint}}/sellers'
          token-header: x-amz-access-token
          errors:
            http-403: {credentials: token, fix: Another region.}
      """

  @Test func readsTheDeclaration() throws {
    let (specs, diagnostics) = parseSpecs(Self.valid)
    #expect(diagnostics.isEmpty)
    let verify = try #require(specs.verification)
    #expect(verify.tokenURL == "https://auth.example.com/o2/token")
    #expect(verify.roleKeys == ["app", "secret", "token"])
    #expect(verify.errors["invalid_client"]?.credentials == ["app", "secret"])
    #expect(verify.errors["invalid_grant"]?.fix == "Authorise again.")
    #expect(verify.errors["http-5xx"]?.credentials == [])
    let probe = try #require(verify.probe)
    #expect(probe.method == "GET")
    #expect(probe.url == "{{endpoint}}/sellers")
    #expect(probe.tokenHeader == "x-amz-access-token")
    #expect(probe.errors["http-403"]?.credentials == ["token"])
    #expect(specs.keys == ["app", "secret", "token"])
  }

  @Test func theLookupPrefersTheCodeThenTheStatusThenItsClass() throws {
    let (specs, _) = parseSpecs(Self.valid)
    let errors = try #require(specs.verification?.errors)
    #expect(VerificationErrorMapping.lookup(code: "invalid_grant", status: 400, in: errors)?.key == "invalid_grant")
    #expect(VerificationErrorMapping.lookup(code: nil, status: 503, in: errors)?.key == "http-5xx")
    #expect(VerificationErrorMapping.lookup(code: "other", status: 400, in: errors) == nil)
  }

  /// Each unknown key is an error at its own line and column (the tested line is the block's
  /// eighth, line 18 of the guide).
  @Test(arguments: [
    ("  tokne-url: https://x.example/t\n", 3, "did you mean 'token-url'"),
    ("  probe: {url: 'https://x.example', headr: x}\n", 37, "verify's probe"),
    ("  errors: {invalid_grant: {credentials: [token], fixx: y}}\n", 50, "'invalid_grant'"),
    ("  errors: {Not-A-Code: {credentials: [token]}}\n", 12, "not an OAuth error code"),
    (
      "  probe: {url: 'https://x.example', errors: {invalid_grant: {credentials: [token]}}}\n", 46, "not an HTTP status"
    ),
    ("  errors: {http-6xx: {credentials: [token]}}\n", 12, "not an OAuth"),
  ])
  func unknownKeysAreErrorsWhereTheyAre(_ line: String, _ column: Int, _ words: String) {
    var yaml = Self.credentials + "verify:\n" + line
    if !line.contains("tokne-url") { yaml += "  token-url: https://x.example/t\n" }
    yaml += "  client-id: app\n  client-secret: secret\n  refresh-token: token\n"
    let (_, diagnostics) = parseSpecs(yaml)
    let finding = diagnostics.first { $0.ruleID == VerificationSpecParser.Rule.unknownKey }
    #expect(finding?.severity == .error)
    #expect(finding?.location.file == "guide.md")
    #expect(finding?.location.line == 18)
    #expect(finding?.location.column == column)
    #expect(finding?.message.contains(words) == true, "\(finding?.message ?? "none")")
  }

  @Test(arguments: [
    ("  token-url: http://auth.example.com/t\n", "plain http:// is allowed only for the loopback"),
    ("  token-url: ftp://127.0.0.1/t\n", "not https"),
    ("  token-url: https://user:pw@auth.example.com/t\n", "user name or password"),
    ("  token-url: https://x.example/t\n  client-id: nope\n", "does not specify"),
    ("  token-url: https://x.example/t\n  probe: {method: POST, url: 'https://x.example'}\n", "GET or HEAD"),
    ("  token-url: https://x.example/t\n  errors: {invalid_grant: {credentials: [tokn]}}\n", "did you mean 'token'"),
  ])
  func wrongValuesAreMalformed(_ lines: String, _ words: String) {
    var yaml = Self.credentials + "verify:\n" + lines
    for (role, key) in [("client-id", "app"), ("client-secret", "secret"), ("refresh-token", "token")]
    where !lines.contains(role) {
      yaml += "  \(role): \(key)\n"
    }
    let (_, diagnostics) = parseSpecs(yaml)
    #expect(
      diagnostics.contains { $0.ruleID == "guide/malformed-verify" && $0.message.contains(words) }, "\(diagnostics)")
  }

  @Test func missingRolesAreNamedAndNoDeclarationIsKept() {
    let (specs, diagnostics) = parseSpecs(Self.credentials + "verify:\n  token-url: https://x.example/t\n")
    #expect(specs.verification == nil)
    #expect(diagnostics.map(\.ruleID) == Array(repeating: "guide/malformed-verify", count: 3))
    #expect(diagnostics.allSatisfy { $0.location.line == 17 })
    #expect(diagnostics.map(\.message).contains("verify has no refresh-token."))
  }

  @Test func loopbackHttpIsAllowedAndAddressesWithAVariableAreCheckedLater() {
    #expect(VerificationAddress.problem("http://127.0.0.1:8080/t") == nil)
    #expect(VerificationAddress.problem("http://[::1]:8080/t") == nil)
    #expect(VerificationAddress.problem("http://localhost/t") == nil)
    #expect(VerificationAddress.problem("https://api.amazon.com/auth/o2/token") == nil)
    #expect(VerificationAddress.problem("http://127.0.0.2/t") != nil)
    #expect(VerificationAddress.problem("http://localhost.example.com/t") != nil)
    #expect(VerificationAddress.problem("/relative") != nil)
    #expect(VerificationAddress.origin("https://h.example:8443/a/b?c") == "https://h.example:8443")
  }
}
