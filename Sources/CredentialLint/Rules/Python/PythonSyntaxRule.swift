import OnboardDiagnostics

/// `python/syntax`: a credentials.py that is not the one dict literal onboard reads.
struct PythonSyntaxRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "python/syntax", summary: "The Python file is not a credentials dict literal.", defaultSeverity: .error,
    help:
      "onboard reads a Python file that assigns one dict literal to a name: credentials = dict(key='value', …) or credentials = {'key': 'value', …}, with quoted strings (the usual escapes) or None, and comments. Anything else (an expression, an f-string, triple quotes, an unclosed string, a second statement) is reported at its position, without quoting the file."
  )

  var examples: [RuleExample] {
    [
      .triggering("credentials.py", "credentials = dict(\n    client_id=↓os.environ['X'],\n)\n"),
      .triggering("credentials.py", "credentials = dict(client_id=↓'cid.0123abcd)\n"),
      .triggering("credentials.py", "credentials = {'client_id': 'cid.0123abcd'}\n↓print(credentials)\n"),
      .passing(
        "credentials.py",
        "# filled in by onboard walk\ncredentials = dict(\n    client_id='cid.0123abcd',  # app\n    client_secret=\"cs.0123456789abcdef\",\n)\n"
      ),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.document.layout.kind == .pythonDict else { return [] }
    return context.document.syntaxIssues.map { diagnostic(context, $0.message, at: $0.span, fix: $0.fix) }
  }
}
