import OnboardDiagnostics

/// `json/syntax`: the file is not strict RFC 8259 JSON (or not an object).
struct JSONSyntaxRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "json/syntax", summary: "The file is not strict JSON (RFC 8259), or not an object.",
    defaultSeverity: .error,
    help:
      "Python's json module (which reads the secret) rejects trailing commas, comments, single quotes, NaN and anything after the object; the consumer then fails with an error. Write one object of \"NAME\": \"value\" members."
  )

  var examples: [RuleExample] {
    [
      .triggering(
        "secret.json", "{\"DEMO_CLIENT_ID\": \"cid.0123abcd\", \"DEMO_CLIENT_SECRET\": \"cs.0123456789abcdef\",↓}\n"),
      .triggering("secret.json", "{\n  ↓// the client id\n  \"DEMO_CLIENT_ID\": \"cid.0123abcd\"\n}\n"),
      .triggering("secret.json", "↓[\"cid.0123abcd\"]\n"),
      .passing(
        "secret.json", "{\"DEMO_CLIENT_ID\": \"cid.0123abcd\", \"DEMO_CLIENT_SECRET\": \"cs.0123456789abcdef\"}\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.format == .json else { return [] }
    return context.document.syntaxIssues.map { diagnostic(context, $0.message, at: $0.span, fix: $0.fix) }
  }
}
