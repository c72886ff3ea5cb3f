import Foundation
import OnboardDiagnostics

/// `schema/deprecated-key`: a credential the guide marks as no longer used.
struct DeprecatedKeyRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "schema/deprecated-key", summary: "A credential that is no longer used.", defaultSeverity: .note,
    help:
      "The guide marks the credential as deprecated; the consumer ignores it. Delete it (and keep the value safe until it is revoked)."
  )

  var examples: [RuleExample] {
    [
      .triggering(
        "credentials.yml",
        "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n  ↓legacy_key: abc\n"),
      .triggering(
        ".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n↓DEMO_LEGACY_KEY=abc\n"),
      .passing("credentials.yml", "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    context.document.effectiveEntries.compactMap { entry in
      guard let spec = context.spec(of: entry), let reason = spec.deprecated else { return nil }
      let (why, fix) = Self.splitAdvice(reason)
      return diagnostic(
        context,
        "'\(context.displayName(spec))' is no longer used\(why.isEmpty ? "" : ": " + why).",
        at: entry.keySpan,
        fix: fix)
    }
  }

  /// The guide's reason without a last sentence that only says to delete or remove the key
  /// (that sentence is the fix, printed once), and the fix: that sentence, or "Delete it.".
  static func splitAdvice(_ reason: String) -> (why: String, fix: String) {
    var why = reason.trimmingCharacters(in: .whitespaces)
    var fix = "Delete it."
    let body = why.hasSuffix(".") ? String(why.dropLast()) : why
    let lastStart = body.range(of: ". ", options: .backwards)?.upperBound ?? body.startIndex
    let last = body[lastStart...]
    if last.hasPrefix("Delete") || last.hasPrefix("Remove") {
      fix = last + "."
      why = String(body[..<lastStart]).trimmingCharacters(in: .whitespaces)
    }
    if why.hasSuffix(".") { why.removeLast() }
    return (why, fix)
  }
}
