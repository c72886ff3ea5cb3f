import OnboardDiagnostics

/// `yaml/implicit-type`: an unquoted credential (or account name) that YAML 1.1 loads as a
/// boolean, number, null, date or collection instead of the string written.
struct ImplicitTypeRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "yaml/implicit-type", summary: "A credential that YAML loads as something other than a string.",
    defaultSeverity: .error,
    help:
      "PyYAML reads YAML 1.1: unquoted yes/no/on/off/true/false become booleans, 0123 an octal number, 1:20 a sexagesimal number, 1.5 a float, 2024-01-02 a date, ~ and null nothing. The consumer then gets the wrong value or treats it as missing. Put the value in single quotes (--fix does)."
  )
  var isFixable: Bool { true }

  var examples: [RuleExample] {
    [
      .triggering(
        "credentials.yml", "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n  token: ↓no\n"),
      .triggering("credentials.yml", "default:\n  client_id: ↓0123\n  client_secret: cs.0123456789abcdef\n"),
      .triggering("credentials.yml", "default:\n  client_id: ↓[cid.0123abcd]\n  client_secret: cs.0123456789abcdef\n"),
      .triggering("credentials.yml", "↓yes:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n"),
      .passing("credentials.yml", "default:\n  client_id: cid.0123abcd\n  client_secret: '0123'\n  token: 12e45\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.format == .yaml else { return [] }
    var found: [Diagnostic] = []
    for key in context.document.yaml.nonStringKeys where key.isAccount {
      found.append(
        diagnostic(
          context,
          "An account name written without quotes loads as \(key.loadedType.phrase) under YAML 1.1, not as a string, so the consumer cannot find the account by its name.",
          at: key.span, fix: "Put the account name in single quotes."))
    }
    for entry in context.credentialEntries where !entry.loadedType.isString && entry.loadedType != .null {
      guard let spec = context.spec(of: entry) else { continue }
      let what: String
      let fix: String
      if entry.style == .collection {
        what = "holds \(entry.loadedType.phrase), not a single value"
        fix = "Write the value on the key's line, in single quotes."
      } else if entry.style == .plain {
        what = "loads as \(entry.loadedType.phrase) under YAML 1.1 (as PyYAML reads it), not as the string written"
        fix = "Put the value in single quotes (onboard lint --fix does)."
      } else {
        what = "loads as \(entry.loadedType.phrase), not as a string"
        fix = "Remove the tag and put the value in single quotes."
      }
      found.append(
        diagnostic(
          context, "The value of '\(spec.key)' in \(context.owner(entry.account)) \(what).",
          at: entry.valueOrKeySpan, fix: fix))
    }
    return found
  }
}
