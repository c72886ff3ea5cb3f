import OnboardDiagnostics

/// `yaml/syntax`: the file is not valid YAML, so the consumer loads nothing from it.
struct YAMLSyntaxRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "yaml/syntax", summary: "The file is not valid YAML.", defaultSeverity: .error,
    help:
      "PyYAML fails on the file and the consumer only reports that the credentials are missing. Common causes: a tab used for indentation, ': ' inside an unquoted value, a value that starts with | > ! & * % @ or a backtick. Quote such values with single quotes. The message is built from the position only; the parser's own text (which quotes the file) is never shown."
  )

  var examples: [RuleExample] {
    [
      .triggering("credentials.yml", "default:\n↓\tclient_id: cid.0123abcd\n"),
      .triggering("credentials.yml", "default:\n  client_id: cid↓: 0123abcd\n"),
      .triggering("credentials.yml", "default:\n  client_secret: |↓cs.0123456789abcdef\n"),
      .passing("credentials.yml", "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.format == .yaml, context.document.layout.kind != .pythonDict else { return [] }
    return context.document.syntaxIssues.map { diagnostic(context, $0.message, at: $0.span, fix: $0.fix) }
  }
}
