import OnboardDiagnostics

/// `schema/unknown-key`: a key the consumer does not read (usually a misspelling), with a
/// "did you mean" from the specs' aliases and by spelling.
struct UnknownKeyRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "schema/unknown-key", summary: "A key the consumer does not read.", defaultSeverity: .warning,
    help:
      "The consumer silently ignores keys it does not know, so a misspelt key leaves its credential unset. The message suggests the intended key from the guide's aliases or by spelling. In dotenv files, which hold other variables too, only names close to a credential's are reported."
  )

  var examples: [RuleExample] {
    [
      .triggering("credentials.yml", "default:\n  ↓clientid: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n"),
      .triggering(
        "credentials.yml",
        "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n  ↓client_secrte: cs.0123456789abcdef\n"
      ),
      .triggering(
        ".env", "↓DEMO_CLIENT_IDX=cid.0123abcd\nDEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
      .triggering(
        "secret.json",
        "{\"DEMO_CLIENT_ID\": \"cid.0123abcd\", \"DEMO_CLIENT_SECRET\": \"cs.0123456789abcdef\", ↓\"OTHER\": \"x\"}\n"),
      .passing(
        ".env",
        "DATABASE_URL=postgres://localhost/db\nDEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
      .passing("credentials.yml", "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    var found: [Diagnostic] = []
    let format = context.format
    for entry in context.document.effectiveEntries where entry.specKey == nil {
      guard context.names.caseCorrection(entry.name, format: format) == nil else { continue }
      let suggestion = context.names.suggestion(for: entry.name, format: format)
      if format == .dotenv, suggestion == nil { continue }
      let name = context.names.display(entry.name)
      var message = "Unknown key \(name)"
      if format == .yaml, let account = entry.account { message += " in \(context.owner(account))" }
      message += "; the consumer ignores it"
      if let suggestion {
        message += ". Did you mean '\(suggestion)'?"
      } else {
        message += "."
      }
      found.append(
        diagnostic(
          context, message, at: entry.keySpan,
          fix: suggestion.map { "Rename it to '\($0)'." }
            ?? "Delete it, or check the name against the guide's credentials."))
    }
    return found
  }
}
