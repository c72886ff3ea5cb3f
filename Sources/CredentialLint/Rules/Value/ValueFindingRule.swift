import CredentialSpecs
import OnboardDiagnostics

/// The `value/*` rules: what ``ValueValidator`` finds in a credential value (placeholder,
/// whitespace, quotes, invisible characters, a known mistake, a swapped value, a wrong format,
/// too long, too short, missing its prefix). One instance per rule id; the validator runs once per value.
struct ValueFindingRule: LintRule {
  let descriptor: RuleDescriptor
  let examples: [RuleExample]

  /// Whether the linter fixes the finding (trimming whitespace around a quoted value).
  var isFixable: Bool { descriptor.id == ValueValidator.Rule.whitespace }

  func check(_ context: LintContext) -> [Diagnostic] {
    var found: [Diagnostic] = []
    for check in context.valueChecks {
      for finding in check.findings where finding.ruleID == descriptor.id {
        var notes: [String] = []
        if let account = check.entry.account {
          notes.append("In \(context.owner(account)).")
        }
        found.append(
          diagnostic(
            context, finding.message, at: check.entry.valueOrKeySpan, severity: finding.severity,
            fix: finding.fix, notes: notes))
      }
    }
    return found
  }

  /// The value rules, with their examples.
  static var all: [ValueFindingRule] {
    let good = "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n"
    func descriptor(_ id: String) -> RuleDescriptor {
      ValueValidator.rules.first { $0.id == id }
        ?? RuleDescriptor(id: id, summary: id, defaultSeverity: .error, help: id)
    }
    let table: [(String, [RuleExample])] = [
      (
        ValueValidator.Rule.placeholder,
        [
          .triggering(
            "credentials.yml", "default:\n  client_id: ↓'<your client id>'\n  client_secret: cs.0123456789abcdef\n"),
          .triggering(".env", "DEMO_CLIENT_ID=↓changeme\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
          .triggering("credentials.yml", "default:\n  client_id: cid.0123abcd\n  client_secret: ↓xxx\n"),
          .passing("credentials.yml", good),
        ]
      ),
      (
        ValueValidator.Rule.whitespace,
        [
          .triggering(
            "credentials.yml", "default:\n  client_id: ↓' cid.0123abcd'\n  client_secret: cs.0123456789abcdef\n"),
          .triggering(".env", "DEMO_CLIENT_ID=↓\"cid.0123abcd \"\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
          .passing(".env", "DEMO_CLIENT_ID=cid.0123abcd   \nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
        ]
      ),
      (
        ValueValidator.Rule.quotes,
        [
          .triggering(".env", "DEMO_CLIENT_ID=↓'\"cid.0123abcd\"'\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
          .passing(".env", "DEMO_CLIENT_ID=\"cid.0123abcd\"\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
        ]
      ),
      (
        ValueValidator.Rule.invisibleCharacter,
        [
          .triggering(
            "credentials.yml", "default:\n  client_id: ↓\"cid.0123abcd\\u200B\"\n  client_secret: cs.0123456789abcdef\n"
          ),
          .passing("credentials.yml", good),
        ]
      ),
      (
        ValueValidator.Rule.knownMistake,
        [
          .triggering(
            "credentials.yml", "default:\n  client_id: ↓app.12345678\n  client_secret: cs.0123456789abcdef\n"),
          .passing("credentials.yml", good),
        ]
      ),
      (
        ValueValidator.Rule.swapped,
        [
          .triggering(
            "credentials.yml", "default:\n  client_id: ↓cs.0123456789abcdef\n  client_secret: ↓cid.0123abcd\n"),
          .passing("credentials.yml", good),
        ]
      ),
      (
        ValueValidator.Rule.format,
        [
          .triggering("credentials.yml", "default:\n  client_id: ↓cid.XYZ\n  client_secret: cs.0123456789abcdef\n"),
          .passing("credentials.yml", good),
        ]
      ),
      (
        ValueValidator.Rule.tooLong,
        [
          .triggering(
            "credentials.yml",
            "default:\n  client_id: cid.0123abcd\n  client_secret: ↓cs.0123456789abcdef0123456789abcdef0123456789\n"),
          .passing("credentials.yml", good),
        ]
      ),
      (
        ValueValidator.Rule.tooShort,
        [
          .triggering(
            "credentials.yml",
            "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n  token: ↓'tk|abcdef'\n"),
          .passing(
            "credentials.yml",
            "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n  token: 'tk|abcdefgh'\n"),
        ]
      ),
      (
        ValueValidator.Rule.missingPrefix,
        [
          .triggering("credentials.yml", "default:\n  client_id: cid.0123abcd\n  client_secret: ↓'0123456789abcdef'\n"),
          .passing("credentials.yml", good),
        ]
      ),
    ]
    return table.map { ValueFindingRule(descriptor: descriptor($0.0), examples: $0.1) }
  }
}
