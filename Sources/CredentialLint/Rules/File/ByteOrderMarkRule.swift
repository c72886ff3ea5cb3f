import OnboardDiagnostics

/// `file/bom`: the file starts with a UTF-8 byte-order mark.
struct ByteOrderMarkRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "file/bom", summary: "The file starts with a UTF-8 byte-order mark.", defaultSeverity: .error,
    help:
      "python-dotenv keeps the mark as part of the first name, so that variable is never set; strict JSON parsers reject the file. YAML loaders skip it (a note). Save the file without a BOM (--fix removes it)."
  )
  var isFixable: Bool { true }

  var examples: [RuleExample] {
    [
      .triggering(".env", "↓\u{FEFF}DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
      .triggering(
        "secret.json",
        "↓\u{FEFF}{\"DEMO_CLIENT_ID\": \"cid.0123abcd\", \"DEMO_CLIENT_SECRET\": \"cs.0123456789abcdef\"}\n"),
      .triggering(
        "credentials.yml", "↓\u{FEFF}default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n"),
      .passing(".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    let source = context.document.source
    guard source.bomLength > 0 else { return [] }
    let severity: Severity
    let message: String
    switch context.format {
    case .yaml:
      severity = .note
      message = "The file starts with a UTF-8 byte-order mark; YAML loaders skip it, but other tools may not."
    case .dotenv:
      severity = .error
      let first = context.document.dotenvBindings.first { $0.keyHasBOM }
      let name = first.map { context.names.display($0.key) } ?? "the first name"
      message =
        "The file starts with a UTF-8 byte-order mark; python-dotenv reads it as part of \(name), so that variable is not set."
    case .json:
      severity = .error
      message =
        "The file starts with a UTF-8 byte-order mark, which strict JSON parsers (such as Python's json) reject."
    }
    return [
      diagnostic(
        context, message, at: SourceSpan(start: 0, end: 0), severity: severity,
        fix: "Save the file as UTF-8 without a byte-order mark (onboard lint --fix removes it).")
    ]
  }
}
