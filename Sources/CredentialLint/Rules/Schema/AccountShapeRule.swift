import OnboardDiagnostics

/// `schema/account-shape`: the file is not a mapping of accounts to credentials: the root is
/// something else, a top-level name holds a single value, or a credential key lost its
/// indentation and sits at the top level.
struct AccountShapeRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "schema/account-shape", summary: "The file is not shaped as accounts holding credentials.",
    defaultSeverity: .error,
    help:
      "An accounts file is a mapping of account names, each holding its credential keys indented below it. A credential key at the top level (it lost its indentation) belongs to no account and is ignored; a top-level name with a single value is not an account."
  )

  var examples: [RuleExample] {
    [
      .triggering("credentials.yml", "default:\n  client_id: cid.0123abcd\n↓client_secret: cs.0123456789abcdef\n"),
      .triggering("credentials.yml", "↓default: cid.0123abcd\n"),
      .triggering("credentials.yml", "↓- client_id: cid.0123abcd\n"),
      .passing(
        "credentials.yml", "version: '1.0'\ndefault:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n"
      ),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.format == .yaml else { return [] }
    let document = context.document
    var found: [Diagnostic] = []
    let isAccounts = document.layout.kind == .accountsYAML
    if let shape = document.yaml.rootShape {
      let expected =
        isAccounts ? "a mapping of account names to their credentials" : "a mapping of credential keys to values"
      found.append(
        diagnostic(
          context, "The file must be \(expected), but it is \(shape).",
          at: document.yaml.rootSpan ?? .point(document.source.bomLength),
          fix: isAccounts
            ? "Write 'default:' and indent the credential keys below it."
            : "Write one 'key: value' line per credential."))
    }
    for account in document.accounts where !account.isMapping {
      let description = account.shapeDescription ?? "a single value"
      let name = account.name.map { context.names.display($0) } ?? "A top-level name"
      found.append(
        diagnostic(
          context,
          "\(name) at the top level holds \(description), not a mapping of credentials, so the consumer cannot use it as an account.",
          at: account.span,
          fix: "Indent the credential keys (key: value) under the account name."))
    }
    for stray in document.yaml.strayEntries {
      found.append(
        diagnostic(
          context,
          "\(context.names.display(stray.name)) is at the top level, outside any account (it lost its indentation), so no account gets it.",
          at: stray.keySpan, fix: "Indent it under its account, like the other keys."))
    }
    return found
  }
}
