import OnboardDiagnostics

/// `schema/key-case`: a credential name in the wrong letter case (names are matched exactly).
struct KeyCaseRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "schema/key-case", summary: "A credential name in the wrong letter case.", defaultSeverity: .error,
    help:
      "Names are matched exactly: environment names are usually upper case and YAML keys lower case, as the guide spells them. A name in the wrong case is never read. Rename it."
  )

  var examples: [RuleExample] {
    [
      .triggering(".env", "↓demo_client_id=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
      .triggering("credentials.yml", "default:\n  ↓CLIENT_ID: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n"),
      .triggering(
        "secret.json", "{↓\"demo_client_id\": \"cid.0123abcd\", \"DEMO_CLIENT_SECRET\": \"cs.0123456789abcdef\"}\n"),
      .passing(".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    var found: [Diagnostic] = []
    for entry in context.document.effectiveEntries where entry.specKey == nil {
      guard let correct = context.names.caseCorrection(entry.name, format: context.format) else { continue }
      let shown =
        CredentialNames.isShowable(correct, specs: context.specs) ? "'\(correct)'" : "the spelling the guide gives"
      found.append(
        diagnostic(
          context,
          "\(context.names.display(entry.name)) is not read: names are matched exactly, so use \(shown).",
          at: entry.keySpan, fix: "Rename it to \(shown)."))
    }
    return found
  }
}
