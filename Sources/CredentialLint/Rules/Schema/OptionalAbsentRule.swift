import OnboardDiagnostics

/// `schema/optional-absent`: an optional credential is not set (the catalogue's
/// `schema/refresh-token-absent`, for any optional credential).
struct OptionalAbsentRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "schema/optional-absent", summary: "An optional credential is not set.", defaultSeverity: .note,
    help:
      "The consumer accepts a file without it, but then the program must pass it in code. Add it if the program expects it from the file."
  )

  var examples: [RuleExample] {
    [
      .triggering("credentials.yml", "↓default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n"),
      .passing(
        "credentials.yml",
        "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n  token: tk|AbCdEf012345\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    var found: [Diagnostic] = []
    for group in CredentialGroups.groups(context) {
      for spec in context.specs.active where !spec.required {
        if let entry = CredentialGroups.entry(for: spec, in: group), !entry.isEmpty { continue }
        let name = context.displayName(spec)
        found.append(
          diagnostic(
            context,
            "\(context.owner(group.account).capitalizedFirst) has no '\(name)' (\(spec.title)); that is allowed, but then the program must pass it in code.",
            at: group.anchor))
      }
    }
    return found
  }
}
