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
  /// Where a triggering example's findings must be: each 1-based line and UTF-8 column, as
  /// diagnostics count, written as a `↓` before that character in the example (as
  /// swift-format's and SwiftLint's examples do) and taken out of ``text``.
  public var expectedPositions: [Position] = []

  /// A line and column in an example.
  public struct Position: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, in UTF-8 bytes.
    public var column: Int

    /// A position.
    public init(line: Int, column: Int) {
      self.line = line
      self.column = column
    }

    public static func < (left: Self, right: Self) -> Bool { (left.line, left.column) < (right.line, right.column) }
    public var description: String { "\(line):\(column)" }
  }

  /// An example that triggers the rule, with a `↓` before each character a finding points at.
  public static func triggering(_ fileName: String, _ text: String, mode: UInt16 = 0o600) -> RuleExample {
    let (clean, positions) = takeOutMarkers(text)
    return RuleExample(fileName: fileName, text: clean, triggers: true, mode: mode, expectedPositions: positions)
  }

  /// The text without its `↓` markers, and where each marker was (the line and UTF-8 column of
  /// the character after it, in the text without markers).
  static func takeOutMarkers(_ text: String) -> (String, [Position]) {
    let marker = Array("↓".utf8)
    let utf8 = Array(text.utf8)
    var bytes: [UInt8] = []
    var positions: [Position] = []
    var line = 1
    var lineStart = 0
    var offset = 0
    while offset < utf8.count {
      if utf8[offset...].starts(with: marker) {
        positions.append(Position(line: line, column: bytes.count - lineStart + 1))
        offset += marker.count
        continue
      }
      bytes.append(utf8[offset])
      if utf8[offset] == UInt8(ascii: "\n") {
        line += 1
        lineStart = bytes.count
      }
      offset += 1
    }
    return (String(decoding: bytes, as: UTF8.self), positions)
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
      - name: python
        kind: python-dict
        file: credentials.py
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
