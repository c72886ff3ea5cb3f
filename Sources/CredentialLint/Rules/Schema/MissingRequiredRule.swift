import OnboardDiagnostics

/// `schema/missing-required`: a required credential is absent or empty.
struct MissingRequiredRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "schema/missing-required", summary: "A required credential is absent or empty.", defaultSeverity: .error,
    help:
      "The consumer needs every required credential in each account; an absent or empty one fails with 'credentials are missing'. Add the key with its value."
  )

  var examples: [RuleExample] {
    [
      .triggering("credentials.yml", "↓default:\n  client_id: cid.0123abcd\n"),
      .triggering("credentials.yml", "default:\n  client_id: cid.0123abcd\n  client_secret: ↓''\n"),
      .triggering("credentials.yml", "↓# nothing yet\n"),
      .triggering(".env", "↓DEMO_CLIENT_ID=cid.0123abcd\n"),
      .triggering("secret.json", "{\"DEMO_CLIENT_ID\": \"cid.0123abcd\", \"DEMO_CLIENT_SECRET\": ↓\"\"}\n"),
      .passing("credentials.yml", "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n"),
      .passing(".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    let document = context.document
    if document.format == .yaml, document.layout.kind == .accountsYAML, !document.isUnreadable,
      document.yaml.rootShape == nil, !document.accounts.contains(where: \.isMapping)
    {
      return [
        diagnostic(
          context, "The file defines no account, so no credentials are set.",
          at: .point(document.source.bomLength),
          fix:
            "Add an account section ('\(context.layout.defaultAccount):') with the credential keys indented below it.")
      ]
    }
    var found: [Diagnostic] = []
    for group in CredentialGroups.groups(context) {
      for spec in context.specs.active where spec.required {
        let name = context.displayName(spec)
        if let entry = CredentialGroups.entry(for: spec, in: group) {
          guard entry.isEmpty else { continue }
          found.append(
            diagnostic(
              context, "\(context.owner(group.account).capitalizedFirst) has an empty value for '\(name)'.",
              at: entry.valueOrKeySpan, fix: "Paste the \(spec.title) as the value."))
        } else {
          found.append(
            diagnostic(
              context, "\(context.owner(group.account).capitalizedFirst) lacks a value for '\(name)'.",
              at: group.anchor, fix: "Add '\(name)' with the \(spec.title) as its value."))
        }
      }
    }
    return found
  }
}
