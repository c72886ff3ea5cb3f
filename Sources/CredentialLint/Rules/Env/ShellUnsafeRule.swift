import OnboardDiagnostics

/// `env/shell-unsafe`: an unquoted value with a character a shell treats specially.
struct ShellUnsafeRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "env/shell-unsafe", summary: "An unquoted value with | & ; < > ( ), a backtick or a quote.",
    defaultSeverity: .warning,
    help:
      "python-dotenv reads these values, but a shell that sources the file (set -a; . ./.env) does not: TOKEN=abc|def pipes into a command named def, printing the secret's tail in the error. Put the value in single quotes (--fix does when the value has no quote or backslash)."
  )
  var isFixable: Bool { true }

  /// The characters a shell treats specially in an unquoted word (`$` is `env/interpolation`).
  static let specialCharacters: [UInt8: String] = [
    UInt8(ascii: "|"): "'|' pipes into a command", UInt8(ascii: "&"): "'&' runs the line in the background",
    UInt8(ascii: ";"): "';' ends the command", UInt8(ascii: "<"): "'<' redirects input",
    UInt8(ascii: ">"): "'>' redirects output to a file", UInt8(ascii: "("): "'(' is a syntax error",
    UInt8(ascii: ")"): "')' is a syntax error", UInt8(ascii: "`"): "a backtick runs a command",
    UInt8(ascii: "'"): "a quote starts a quoted string", UInt8(ascii: "\""): "a quote starts a quoted string",
  ]

  var examples: [RuleExample] {
    [
      .triggering(
        ".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\nDEMO_TOKEN=tk↓|AbCdEf012345\n"),
      .triggering(".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef↓;x\n"),
      .passing(
        ".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\nDEMO_TOKEN='tk|AbCdEf012345'\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.format == .dotenv else { return [] }
    let bytes = context.document.source.bytes
    return context.document.dotenvBindings.compactMap { binding in
      guard binding.style == .plain, let span = binding.valueSpan, span.end > span.start else { return nil }
      guard let offset = (span.start..<span.end).first(where: { Self.specialCharacters[bytes[$0]] != nil }),
        let effect = Self.specialCharacters[bytes[offset]]
      else { return nil }
      return diagnostic(
        context,
        "The unquoted value of \(context.names.display(binding.key)) breaks when a shell sources the file: \(effect).",
        at: SourceSpan(start: offset, end: offset + 1),
        fix: "Put the value in single quotes (onboard lint --fix does).")
    }
  }
}
