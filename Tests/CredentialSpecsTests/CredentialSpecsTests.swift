import CredentialSpecs
import OnboardDiagnostics
import Testing

/// A small spec set in the shape of the bundled guide's (patterns are the test's own).
let specYAML = """
  api_id:
    title: API client id
    env: API_ID
    required: true
    pattern: '^client\\.[0-9a-f]{8}$'
    example: client. followed by 8 hex digits
    public-prefix: client.
    aliases: [api_client_id, apiid]
    mistakes:
      - pattern: '^app\\.'
        message: this is the app id, not the client id
  api_secret:
    title: API secret
    env: API_SECRET
    required: true
    pattern: '^secret\\.[0-9a-f]{16}$'
    max-length: 40
    mistakes:
      - pattern: '^[0-9a-f]{16}$'
        message: this is a legacy secret, due for rotation
        severity: note
  old_key:
    title: Old key
    deprecated: no longer read since v2
  """

func parseSpecs(_ yaml: String = specYAML) -> (CredentialSpecSet, [Diagnostic]) {
  CredentialSpecParser.parse(
    yaml, position: YAMLPosition(file: "guide.md", text: yaml, lineOffset: 10, columnOffset: 0))
}

@Suite struct CredentialSpecParserTests {
  @Test func readsEveryField() throws {
    let (specs, diagnostics) = parseSpecs()
    #expect(diagnostics.isEmpty)
    #expect(specs.keys == ["api_id", "api_secret", "old_key"])
    let id = try #require(specs[key: "api_id"])
    #expect(id.title == "API client id")
    #expect(id.env == "API_ID")
    #expect(id.required)
    #expect(id.secret)
    #expect(id.aliases == ["api_client_id", "apiid"])
    #expect(id.publicPrefix == "client.")
    #expect(id.mistakes.first?.severity == .error)
    #expect(specs[env: "API_SECRET"]?.maxLength == 40)
    #expect(specs[key: "api_secret"]?.mistakes.first?.severity == .note)
    #expect(specs[key: "old_key"]?.deprecated == "no longer read since v2")
    #expect(specs.active.map(\.key) == ["api_id", "api_secret"])
    // Positions are mapped into the guide: the block starts after line 10.
    #expect(id.location?.line == 11)
  }

  @Test func badPatternIsReportedAtItsPosition() {
    let (_, diagnostics) = parseSpecs("k:\n  pattern: '(['\n")
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.ruleID == CredentialSpecParser.Rule.malformed)
    #expect(diagnostics.first?.location.line == 12)
    #expect(diagnostics.first?.location.column == 12)
  }

  @Test func unknownFieldGetsDidYouMean() {
    let (_, diagnostics) = parseSpecs("k:\n  titel: K\n")
    #expect(diagnostics.first?.ruleID == CredentialSpecParser.Rule.unknownField)
    #expect(diagnostics.first?.message.contains("did you mean 'title'") == true)
  }

  @Test func syntaxErrorNeverQuotesTheBlock() {
    let canary = "CANARY-secret-123456"
    let (_, diagnostics) = parseSpecs("k: [\(canary)\n  - x: {")
    #expect(diagnostics.count == 1)
    #expect(diagnostics.allSatisfy { !$0.message.contains(canary) && !($0.fix ?? "").contains(canary) })
  }

  @Test func duplicateKeyIsAnError() {
    let (_, diagnostics) = parseSpecs("k:\n  title: A\nk:\n  title: B\n")
    #expect(!diagnostics.isEmpty)
  }
}

@Suite struct ValueValidatorTests {
  let specs = parseSpecs().0
  var validator: ValueValidator { ValueValidator(specs: specs) }

  func rules(_ value: String, _ key: String) -> [String] {
    guard let spec = specs[key: key] else { return ["no spec"] }
    return validator.check(value, as: spec).map(\.ruleID)
  }

  @Test func validValuePasses() {
    #expect(rules("client.0123abcd", "api_id").isEmpty)
    #expect(rules("secret.0123456789abcdef", "api_secret").isEmpty)
  }

  @Test(arguments: [
    "", "  ", "<your id>", "your_api_id", "xxx", "...", "changeme", "TODO", "${API_ID}", "{{api_id}}",
    "client. followed by 8 hex digits", "client.0123…",
  ])
  func placeholders(_ value: String) {
    #expect(rules(value, "api_id") == [ValueValidator.Rule.placeholder])
  }

  @Test func whitespaceQuotesAndInvisible() {
    #expect(rules(" client.0123abcd", "api_id") == [ValueValidator.Rule.whitespace])
    #expect(rules("client.0123abcd\n", "api_id") == [ValueValidator.Rule.whitespace])
    #expect(rules("\"client.0123abcd\"", "api_id") == [ValueValidator.Rule.quotes])
    #expect(rules("client.0123\u{200B}abcd", "api_id") == [ValueValidator.Rule.invisibleCharacter])
    #expect(rules("client.01 23abcd", "api_id").contains(ValueValidator.Rule.whitespace))
  }

  @Test(
    "Every Unicode space or line break inside a value is whitespace",
    arguments: [0x2003, 0x3000, 0x1680, 0x0085, 0x2028, 0x2029, 0x2000, 0x200A, 0x202F, 0x205F, 0x000B, 0x000C]
      as [UInt32])
  func unicodeWhitespaceInside(_ code: UInt32) throws {
    let scalar = try #require(Unicode.Scalar(code))
    let value = "client.01" + String(Character(scalar)) + "23abcd"
    #expect(rules(value, "api_id").contains(ValueValidator.Rule.whitespace), "U+\(String(code, radix: 16))")
  }

  @Test(
    "A text-direction control inside a value is an invisible character",
    arguments: [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C]
      as [UInt32])
  func bidiControlInside(_ code: UInt32) throws {
    let scalar = try #require(Unicode.Scalar(code))
    let value = "client.0123" + String(Character(scalar)) + "abcd"
    let findings = validator.check(value, as: specs[key: "api_id"] ?? CredentialSpec(key: "x", title: "x"))
    #expect(findings.map(\.ruleID) == [ValueValidator.Rule.invisibleCharacter], "U+\(String(code, radix: 16))")
    #expect(findings.first?.message.contains("text-direction control") == true)
  }

  @Test func knownMistakeSwappedAndFormat() {
    #expect(rules("app.123", "api_id") == [ValueValidator.Rule.knownMistake])
    #expect(rules("secret.0123456789abcdef", "api_id") == [ValueValidator.Rule.swapped])
    #expect(rules("client.zz", "api_id") == [ValueValidator.Rule.format])
    #expect(rules(String(repeating: "a", count: 41), "api_secret").contains(ValueValidator.Rule.tooLong))
    let legacy = validator.check(
      "0123456789abcdef", as: specs[key: "api_secret"] ?? CredentialSpec(key: "x", title: "x"))
    #expect(legacy.map(\.severity) == [.note])
  }

  @Test func messagesNeverQuoteTheValue() {
    let canary = "client.CANARY99"
    for key in ["api_id", "api_secret"] {
      guard let spec = specs[key: key] else { continue }
      for value in [canary, " \(canary) ", "\"\(canary)\"", canary + "\u{200B}", "app.\(canary)"] {
        for finding in validator.check(value, as: spec) {
          #expect(!finding.message.contains("CANARY"), "\(finding.ruleID) quoted the value")
          #expect(!(finding.fix ?? "").contains("CANARY"))
        }
      }
    }
  }
}

@Suite struct RedactionAndSuggestionTests {
  @Test func redaction() throws {
    let spec = try #require(parseSpecs().0[key: "api_id"])
    #expect(Redaction.describe("client.0123abcd") == "<redacted, 15 chars>")
    #expect(Redaction.preview("short", spec: spec) == "<redacted, 5 chars>")
    #expect(Redaction.preview("client.0123456789abcdef", spec: spec) == "client.…ef (23 chars)")
  }

  @Test func didYouMean() {
    #expect(NameSuggester.suggest("lws_app_id", among: ["lwa_app_id", "refresh_token"]) == "lwa_app_id")
    #expect(NameSuggester.suggest("verison", among: ["version", "title"]) == "version")
    #expect(NameSuggester.suggest("Title", among: ["title"]) == "title")
    #expect(NameSuggester.suggest("xyz", among: ["title"]) == nil)
    #expect(NameSuggester.editDistance("abc", "acb") == 1)
  }
}

@Suite struct ServiceLayoutTests {
  static let descriptor = """
    service: example
    default-account: default
    env-suffix: '_{{account}}'
    env-fallback: per-key
    suffix-default-account: true
    files:
      - name: yaml
        kind: accounts-yaml
        file: credentials.yml
        allowed-top-level-keys: [version]
      - name: env
        kind: dotenv
        file: '{{account}}.env'
    """

  @Test func parsesAndNames() throws {
    guard case .success(let layout) = ServiceLayout.parse(Self.descriptor, file: "layout.yml") else {
      Issue.record("layout did not parse")
      return
    }
    #expect(layout.files.map(\.kind) == [.accountsYAML, .dotenv])
    #expect(layout.file(named: "yaml")?.allowedTopLevelKeys == ["version"])
    #expect(layout.envName("API_ID", account: "shop") == "API_ID_shop")
    #expect(layout.envName("API_ID", account: "default") == "API_ID_default")
    if let env = layout.file(named: "env") { #expect(layout.fileName(env, account: "shop") == "shop.env") }
  }

  @Test func unknownKindIsADiagnostic() {
    guard
      case .failure(let list) = ServiceLayout.parse(
        "service: x\nfiles:\n  - {name: a, kind: toml, file: a.toml}\n", file: "layout.yml")
    else {
      Issue.record("expected a failure")
      return
    }
    #expect(list.diagnostics.first?.location.line == 3)
    #expect(list.diagnostics.first?.message.contains("toml") == true)
  }
}

/// Issue 14: `min-length`, and messages that say exactly what is wrong.
@Suite struct LengthAndPrefixTests {
  static let yaml = """
    token:
      title: refresh token
      pattern: '^Atzr\\|[A-Za-z0-9_-]+$'
      max-length: 2048
      min-length: 300
      public-prefix: 'Atzr|'
    verify:
      token-url: https://example.invalid/token
      client-id: token
      client-secret: token
      refresh-token: token
    """

  @Test func minLengthIsReadAndVerifyIsNotACredential() {
    let (specs, diagnostics) = parseSpecs(Self.yaml)
    #expect(specs[key: "token"]?.minLength == 300)
    #expect(specs[key: "verify"] == nil)
    // Issue 17: `verify` is read (no longer skipped with a note).
    #expect(diagnostics.isEmpty)
    #expect(specs.verification?.tokenURL == "https://example.invalid/token")
  }

  @Test(arguments: ["min-length: 0", "min-length: many", "min-length: 3000"])
  func badMinLengthIsMalformed(_ line: String) {
    let (_, diagnostics) = parseSpecs("token:\n  max-length: 2048\n  \(line)\n")
    #expect(diagnostics.map(\.ruleID) == [CredentialSpecParser.Rule.malformed])
  }

  @Test func aShortValueIsNamedByItsLengthNotItsFormat() throws {
    let (specs, _) = parseSpecs(Self.yaml)
    let spec = try #require(specs[key: "token"])
    let findings = ValueValidator(specs: specs).check("Atzr|abc", as: spec)
    #expect(findings.map(\.ruleID) == [ValueValidator.Rule.tooShort])
    #expect(findings.first?.message.contains("is 8 characters; a refresh token is at least 300") == true)
    #expect(findings.first?.message.contains("Atzr|abc") == false)
    #expect(ValueValidator(specs: specs).check("Atzr|" + String(repeating: "a", count: 295), as: spec).isEmpty)
  }

  @Test func aValueWithoutItsPrefixSaysSo() throws {
    let (specs, _) = parseSpecs(Self.yaml)
    let spec = try #require(specs[key: "token"])
    let value = "IwEBCANARY" + String(repeating: "x", count: 300)
    let findings = ValueValidator(specs: specs).check(value, as: spec)
    #expect(findings.map(\.ruleID) == [ValueValidator.Rule.missingPrefix])
    #expect(findings.first?.message.contains("missing the `Atzr|` prefix") == true)
    #expect(findings.first?.message.contains("CANARY") == false)
    // Short and without the prefix: both are said, and no generic format message.
    let both = ValueValidator(specs: specs).check("IwEB", as: spec).map(\.ruleID)
    #expect(both == [ValueValidator.Rule.tooShort, ValueValidator.Rule.missingPrefix])
  }
}
