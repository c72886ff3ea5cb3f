import OnboardDiagnostics

/// `yaml/comment-truncation`: ` #` after an unquoted credential starts a comment, cutting the
/// value short.
struct CommentTruncationRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "yaml/comment-truncation", summary: "A ' #' cuts an unquoted credential short.",
    defaultSeverity: .error,
    help:
      "In YAML, a space followed by # starts a comment, even in the middle of what was meant as a value; the rest of the line is silently dropped. It is reported when the # is glued to the text after it, or when what is left does not have the credential's format. If the # belongs to the value, put the whole value in single quotes."
  )

  var examples: [RuleExample] {
    [
      .triggering("credentials.yml", "default:\n  client_id: cid.0123abcd\n  client_secret: cs.01234567 ↓#89abcdef\n"),
      .triggering("credentials.yml", "default:\n  client_id: cid.0123 ↓# abcd\n  client_secret: cs.0123456789abcdef\n"),
      .passing(
        "credentials.yml",
        "default:\n  client_id: cid.0123abcd  # from the console\n  client_secret: 'cs.01234567 #89abcdef'\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.format == .yaml else { return [] }
    let bytes = context.document.source.bytes
    var found: [Diagnostic] = []
    for entry in context.credentialEntries where entry.style == .plain {
      guard let comment = entry.trailingComment, let spec = context.spec(of: entry) else { continue }
      let glued =
        comment.start + 1 < comment.end && bytes[comment.start + 1] != 0x20 && bytes[comment.start + 1] != 0x09
      let fitsFormat = spec.pattern.map { $0.matches(entry.value) } ?? true
      guard glued || !fitsFormat else { continue }
      found.append(
        diagnostic(
          context,
          "The ' #' after the value of '\(spec.key)' in \(context.owner(entry.account)) starts a comment, so YAML cuts the value short there.",
          at: SourceSpan(start: comment.start, end: comment.start + 1),
          fix: "If the '#' and what follows are part of the value, put the whole value in single quotes."))
    }
    return found
  }
}
