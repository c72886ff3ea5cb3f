import OnboardDiagnostics

/// `yaml/alias`: the file uses a YAML anchor (`&name`) or alias (`*name`), which credential
/// files refuse, so that a small file cannot stand for a huge one.
struct YAMLAliasRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "yaml/alias", summary: "The file uses a YAML anchor or alias.", defaultSeverity: .error,
    help:
      "An alias repeats another part of the file, so a few hundred bytes can expand into billions of values. Credential files do not need them: write each value out. A value that starts with & or * must be quoted ('&...'). Nothing else in the file is checked until the anchor or alias is gone."
  )

  var examples: [RuleExample] {
    [
      .triggering(
        "credentials.yml", "default:\n  client_id: ↓&id cid.0123abcd\n  client_secret: cs.0123456789abcdef\n"),
      .triggering("credentials.yml", "base: ↓&b\n  client_id: cid.0123abcd\ndefault: *b\n"),
      .passing("credentials.yml", "default:\n  client_id: 'cid&0123abcd'\n  client_secret: cs.0123456789abcdef\n"),
      .passing("credentials.yml", "default:\n  client_id: cid.0123abcd\n  client_secret: '*cs.0123456789abcdef'\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.format == .yaml, let span = context.document.yaml.aliasSpan else { return [] }
    let what = context.document.yaml.aliasIsAnchor ? "an anchor (&)" : "an alias (*)"
    return [
      diagnostic(
        context, "The file uses \(what); credential files may not use YAML anchors or aliases, so nothing was read.",
        at: span, fix: "Write each value out in full; quote a value that starts with & or *.")
    ]
  }
}
