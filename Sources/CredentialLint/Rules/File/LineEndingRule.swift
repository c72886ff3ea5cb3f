import OnboardDiagnostics

/// `file/crlf`: lines end with CRLF (Windows line endings).
struct LineEndingRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "file/crlf", summary: "Lines end with CRLF (Windows line endings).", defaultSeverity: .note,
    help:
      "YAML, JSON and python-dotenv read CRLF files, but a shell that sources a dotenv file keeps the carriage return at the end of every value. Convert the file to LF line endings (--fix does)."
  )
  var isFixable: Bool { true }

  var examples: [RuleExample] {
    [
      .triggering(".env", "DEMO_CLIENT_ID=cid.0123abcd↓\r\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\r\n"),
      .passing(".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    let source = context.document.source
    let lines = source.crlfLines
    guard let first = lines.first else { return [] }
    let consequence =
      context.format == .dotenv
      ? " A shell that sources the file keeps the carriage return at the end of each value."
      : ""
    let count = lines.count == 1 ? "1 line ends" : "\(lines.count) lines end"
    return [
      diagnostic(
        context, "\(count) with CRLF (Windows line endings).\(consequence)",
        at: .point(source.lineContentEnd(first)),
        fix: "Convert the file to LF line endings (onboard lint --fix does).")
    ]
  }
}
