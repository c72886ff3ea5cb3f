import OnboardDiagnostics

/// `env/unparsable`: a dotenv line python-dotenv cannot read, or one that sets nothing.
struct EnvUnparsableRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "env/unparsable", summary: "A line python-dotenv cannot read, or one that sets nothing.",
    defaultSeverity: .error,
    help:
      "python-dotenv drops lines it cannot read (with a warning nobody sees): 'NAME: value', a name with no '=', an unclosed quote, or text after a closing quote. A quote closed on a later line swallows the lines between into the value. Write NAME=value, one per line."
  )

  var examples: [RuleExample] {
    [
      .triggering(".env", "↓DEMO_CLIENT_ID: cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
      .triggering(".env", "↓DEMO_CLIENT_ID\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
      .triggering(".env", "↓DEMO_CLIENT_ID='cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
      .triggering(".env", "↓DEMO_CLIENT_ID=\"cid.0123abcd\nDEMO_CLIENT_SECRET=\"cs.0123456789abcdef\"\n"),
      .passing(".env", "# comment\nexport DEMO_CLIENT_ID=cid.0123abcd\n\nDEMO_CLIENT_SECRET=\"cs.0123456789abcdef\"\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.format == .dotenv else { return [] }
    var found = context.document.syntaxIssues.map { diagnostic(context, $0.message, at: $0.span, fix: $0.fix) }
    for binding in context.document.dotenvBindings {
      if binding.value == nil {
        found.append(
          diagnostic(
            context,
            "\(context.names.display(binding.key)) has no '=', so python-dotenv sets nothing for it.",
            at: binding.keySpan, fix: "Write NAME=value."))
      } else if let closing = binding.closingLine {
        found.append(
          diagnostic(
            context,
            "The quote that opens the value of \(context.names.display(binding.key)) closes only on line \(closing), so python-dotenv reads lines \(binding.line)–\(closing) into one value.",
            at: binding.valueSpan.map { .point($0.start) } ?? binding.keySpan,
            fix: "Close the quote on the same line."))
      }
    }
    return found
  }
}
