import CredentialSpecs
import OnboardDiagnostics

/// `schema/account-incomplete`: a dotenv account (named by a suffix) lacks a required
/// credential under its own name and has no unsuffixed one to fall back on.
struct AccountIncompleteRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "schema/account-incomplete", summary: "An account named by a suffix lacks a required credential.",
    defaultSeverity: .error,
    help:
      "For an account, the consumer reads NAME_<account> and falls back to NAME, credential by credential. When neither is set (or the suffixed one is empty, which stops the fallback), the account cannot authenticate. Add the missing variable."
  )

  var examples: [RuleExample] {
    [
      .triggering(".env", "↓DEMO_CLIENT_ID_shop=cid.0123abcd\n"),
      .triggering(
        ".env",
        "DEMO_CLIENT_ID_shop=cid.0123abcd\nDEMO_CLIENT_SECRET_shop=↓\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\nDEMO_CLIENT_ID=cid.0123abce\n"
      ),
      .passing(".env", "DEMO_CLIENT_ID_shop=cid.0123abcd\nDEMO_CLIENT_SECRET_shop=cs.0123456789abcdef\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    var found: [Diagnostic] = []
    for account in DotenvAccounts.accounts(context) {
      for (spec, resolution) in account.resolutions where spec.required {
        let own = suffixed(context, spec, account.name)
        switch resolution {
        case .missing:
          let fallback =
            context.layout.envFallbackPerKey ? " and there is no '\(spec.env ?? spec.key)' to fall back on" : ""
          let valid = Self.validSuffix(account.name)
          var notes: [String] = []
          var fix = "Add \(own) with the \(spec.title) for this account."
          if valid != account.name {
            let validOwn = suffixed(context, spec, valid)
            fix =
              "Add \(validOwn) with the \(spec.title), and rename this account's other variables to the same suffix."
            notes.append(
              "An environment variable name holds only letters, digits and '_', so a suffix with other characters cannot be exported by a shell or read from the environment; write the account as '\(valid)'."
            )
          }
          found.append(
            diagnostic(
              context, "\(context.owner(account.name).capitalizedFirst) has no \(own)\(fallback).",
              at: account.anchor, fix: fix, notes: notes))
        case .empty(let entry):
          found.append(
            diagnostic(
              context,
              "\(own.capitalizedFirst) is empty; an empty value does not fall back to the unsuffixed name, so \(context.owner(account.name)) has no \(spec.title).",
              at: entry.valueOrKeySpan,
              fix: "Paste the \(spec.title) as the value, or delete the line to use the shared one."))
        case .own, .fallback:
          continue
        }
      }
    }
    return found
  }

  /// `account` with every character that cannot be in an environment variable name (anything
  /// but ASCII letters, digits and `_`) replaced by `_`: `shop-de` becomes `shop_de`.
  static func validSuffix(_ account: String) -> String {
    String(
      String.UnicodeScalarView(
        account.unicodeScalars.map { scalar in
          scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
            ? scalar : "_"
        }))
  }

  private func suffixed(_ context: LintContext, _ spec: CredentialSpec, _ account: String) -> String {
    if let name = context.names.name(of: spec, format: .dotenv, account: account),
      CredentialNames.isShowable(name, specs: context.specs)
        || CredentialNames.isShowable(account, specs: context.specs)
    {
      return "'\(name)'"
    }
    return "'\(spec.env ?? spec.key)' with the account's suffix"
  }
}
