import OnboardDiagnostics

/// `env/inline-comment`: a ` # comment` after an unquoted credential value.
struct InlineCommentRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "env/inline-comment", summary: "A ' #' comment after an unquoted credential.", defaultSeverity: .warning,
    help:
      "python-dotenv (and a shell) drop everything from ' #' on. If the '#' belongs to the value, the value is cut short; quote it. If it is a comment, move it to its own line."
  )

  var examples: [RuleExample] {
    [
      .triggering(".env", "DEMO_CLIENT_ID=cid.0123abcd ↓# the client id\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
      .passing(
        ".env", "# the client id\nDEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET='cs.0123456789abcdef' # quoted\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.format == .dotenv else { return [] }
    return context.document.dotenvBindings.compactMap { binding in
      guard let comment = binding.inlineComment,
        context.names.match(binding.key, format: .dotenv) != nil
      else { return nil }
      return diagnostic(
        context,
        "python-dotenv drops the ' #' and everything after it from the value of \(context.names.display(binding.key)).",
        at: SourceSpan(start: comment.start, end: comment.start + 1),
        fix:
          "If the '#' is part of the value, put the whole value in single quotes; otherwise move the comment to its own line."
      )
    }
  }
}
