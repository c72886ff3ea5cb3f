import OnboardDiagnostics

/// `yaml/version-type`: an allowed top-level setting (such as `version`) whose unquoted value
/// YAML reads as a number.
struct VersionTypeRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "yaml/version-type", summary: "A top-level setting such as 'version' is read as a number.",
    defaultSeverity: .note,
    help:
      "An unquoted version: 1.0 loads as the float 1.0 (and 1.10 as 1.1). Quote it as the template does (--fix does).")
  var isFixable: Bool { true }

  var examples: [RuleExample] {
    [
      .triggering(
        "credentials.yml", "version: ↓1.0\ndefault:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n"),
      .passing(
        "credentials.yml", "version: '1.0'\ndefault:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n"
      ),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.format == .yaml else { return [] }
    return context.document.yaml.settings.compactMap { setting in
      guard !setting.loadedType.isString, setting.loadedType != .null else { return nil }
      return diagnostic(
        context, "'\(setting.name)' is read as \(setting.loadedType.phrase), not as the text written.",
        at: setting.valueOrKeySpan, fix: "Put the value in single quotes (onboard lint --fix does).")
    }
  }
}
