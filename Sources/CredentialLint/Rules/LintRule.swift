import CredentialSpecs
import OnboardDiagnostics

/// One check of a credential file. Each rule is a small type with a stable id, a default
/// severity, a summary, help text and examples that must (and must not) trigger it; the tests
/// run every example through the linter.
public protocol LintRule: Sendable {
  /// The rule's id, severity, summary and help.
  var descriptor: RuleDescriptor { get }
  /// Files that trigger the rule, and files that do not (checked by the tests).
  var examples: [RuleExample] { get }
  /// Whether the linter can fix what the rule finds (safe, mechanical fixes only).
  var isFixable: Bool { get }
  /// The rule's findings in a parsed file.
  func check(_ context: LintContext) -> [Diagnostic]
}

extension LintRule {
  public var isFixable: Bool { false }

  /// A diagnostic of this rule at `span`.
  func diagnostic(
    _ context: LintContext, _ message: String, at span: SourceSpan, severity: Severity? = nil,
    fix: String? = nil, notes: [String] = []
  ) -> Diagnostic {
    Diagnostic(
      severity: severity ?? descriptor.defaultSeverity, ruleID: descriptor.id, message: message,
      location: context.document.source.location(span), fix: fix, notes: notes)
  }
}

/// An example credential file for a rule, written against ``RuleExample/specsYAML`` and
/// ``RuleExample/layoutYAML`` (a made-up service, so that no real service is named in code).
public struct RuleExample: Hashable, Sendable {
  /// The file's name (it picks the format).
  public var fileName: String
  /// The file's text.
  public var text: String
  /// Whether the rule must report something.
  public var triggers: Bool
  /// The file's permission bits, for the permissions rule.
  public var mode: UInt16

  /// An example that triggers the rule.
  public static func triggering(_ fileName: String, _ text: String, mode: UInt16 = 0o600) -> RuleExample {
    RuleExample(fileName: fileName, text: text, triggers: true, mode: mode)
  }

  /// An example that does not trigger the rule.
  public static func passing(_ fileName: String, _ text: String, mode: UInt16 = 0o600) -> RuleExample {
    RuleExample(fileName: fileName, text: text, triggers: false, mode: mode)
  }

  /// The credential specs the examples are written against: a made-up service with a
  /// required client id and secret, an optional token, and a deprecated key.
  public static let specsYAML = #"""
    client_id:
      title: client id
      env: DEMO_CLIENT_ID
      required: true
      pattern: '^cid\.[0-9a-f]{8}$'
      example: cid. followed by 8 hex digits
      aliases: [clientid, app_client_id]
      mistakes:
        - pattern: '^app\.'
          message: this is the app's id, not its client id
    client_secret:
      title: client secret
      env: DEMO_CLIENT_SECRET
      required: true
      pattern: '^cs\.[0-9a-f]{16}$'
      max-length: 40
      public-prefix: 'cs.'
    token:
      title: token
      env: DEMO_TOKEN
      pattern: '^tk\|[A-Za-z0-9_-]{8,}$'
      public-prefix: 'tk|'
      min-length: 11
    legacy_key:
      title: legacy key
      env: DEMO_LEGACY_KEY
      deprecated: the service stopped reading it
    """#

  /// The layout the examples are written against.
  public static let layoutYAML = """
    service: demo
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
        file: .env
      - name: json
        kind: flat-json
        file: secret.json
    """

  /// Good values for the example specs.
  public enum Good {
    /// A valid client id.
    public static let clientID = "cid.0123abcd"
    /// A valid client secret.
    public static let clientSecret = "cs.0123456789abcdef"
    /// A valid token.
    public static let token = "tk|AbCdEf012345"
  }
}
