import OnboardDiagnostics

/// `json/non-string`: a credential in a JSON secret is a number, boolean, null, object or
/// array instead of a string.
struct NonStringValueRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "json/non-string", summary: "A credential in the JSON secret is not a string.", defaultSeverity: .error,
    help:
      "Every credential must be a JSON string. A number loses leading zeros and digits, true/false/null are not credentials, and null counts as missing. Put the value in double quotes."
  )

  var examples: [RuleExample] {
    [
      .triggering("secret.json", "{\"DEMO_CLIENT_ID\": ↓123, \"DEMO_CLIENT_SECRET\": \"cs.0123456789abcdef\"}\n"),
      .triggering("secret.json", "{\"DEMO_CLIENT_ID\": \"cid.0123abcd\", \"DEMO_CLIENT_SECRET\": ↓null}\n"),
      .passing(
        "secret.json", "{\"DEMO_CLIENT_ID\": \"cid.0123abcd\", \"DEMO_CLIENT_SECRET\": \"cs.0123456789abcdef\"}\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.format == .json else { return [] }
    return context.document.effectiveEntries.compactMap { entry in
      guard entry.loadedType != .string, let spec = context.spec(of: entry), !spec.isDeprecated else { return nil }
      return diagnostic(
        context, "'\(context.displayName(spec))' is \(entry.loadedType.phrase), not a string.",
        at: entry.valueOrKeySpan, fix: "Put the \(spec.title) in double quotes.")
    }
  }
}
