import OnboardDiagnostics

/// `env/interpolation`: a `$` in a dotenv value: python-dotenv replaces `${NAME}` in every
/// value, and a shell expands `$NAME` in unquoted and double-quoted ones.
struct InterpolationRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "env/interpolation", summary: "A '$' in a value is expanded as a variable.", defaultSeverity: .warning,
    help:
      "python-dotenv replaces ${NAME} with another variable's value in every value, quoted or not (an error: the value loaded is not the one written). A shell that sources the file also expands $NAME in unquoted and double-quoted values (a warning). Single quotes protect a bare '$' from the shell (--fix quotes it)."
  )
  var isFixable: Bool { true }

  var examples: [RuleExample] {
    [
      .triggering(".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123↓${X}456789abcdef\n"),
      .triggering(".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=\"cs.0123↓$456789abcdef\"\n"),
      .passing(".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET='cs.0123$456789abcdef'\n"),
    ]
  }

  /// The range of the first `${...}` that python-dotenv's `\$\{[^}:]*(?::-[^}]*)?\}` matches.
  static func posixVariable(in bytes: ArraySlice<UInt8>) -> Range<Int>? {
    var index = bytes.startIndex
    while index + 1 < bytes.endIndex {
      if bytes[index] == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "{") {
        var cursor = index + 2
        while cursor < bytes.endIndex, bytes[cursor] != UInt8(ascii: "}"), bytes[cursor] != UInt8(ascii: ":") {
          cursor += 1
        }
        if cursor < bytes.endIndex, bytes[cursor] == UInt8(ascii: ":") {
          if cursor + 1 < bytes.endIndex, bytes[cursor + 1] == UInt8(ascii: "-") {
            cursor += 2
            while cursor < bytes.endIndex, bytes[cursor] != UInt8(ascii: "}") { cursor += 1 }
          } else {
            index += 1
            continue
          }
        }
        if cursor < bytes.endIndex, bytes[cursor] == UInt8(ascii: "}") { return index..<(cursor + 1) }
      }
      index += 1
    }
    return nil
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.format == .dotenv else { return [] }
    let bytes = context.document.source.bytes
    var found: [Diagnostic] = []
    for binding in context.document.dotenvBindings {
      guard binding.value != nil, let span = binding.valueSpan, span.end > span.start else { continue }
      let name = context.names.display(binding.key)
      if let variable = Self.posixVariable(in: bytes[span.start..<span.end]) {
        found.append(
          diagnostic(
            context,
            "python-dotenv replaces the '${...}' in the value of \(name) with another variable's value (quotes do not stop it), so the value loaded is not the one written.",
            at: SourceSpan(start: variable.lowerBound, end: variable.upperBound), severity: .error,
            fix: "Write the value itself; a credential never contains '${'."))
        continue
      }
      guard binding.style == .plain || binding.style == .doubleQuoted,
        let dollar = (span.start..<span.end).first(where: { bytes[$0] == UInt8(ascii: "$") })
      else { continue }
      found.append(
        diagnostic(
          context,
          "A shell that sources the file expands the '$' in the value of \(name) as a variable.",
          at: SourceSpan(start: dollar, end: dollar + 1),
          fix: "Put the value in single quotes (onboard lint --fix does)."))
    }
    return found
  }
}
