import CredentialSpecs
import OnboardDiagnostics

/// `schema/account-fallback-mix`: a dotenv account overrides some credentials with suffixed
/// names and silently takes the others from the unsuffixed set.
struct AccountFallbackMixRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "schema/account-fallback-mix", summary: "An account silently mixes its own and shared credentials.",
    defaultSeverity: .warning,
    help:
      "The consumer falls back from NAME_<account> to NAME credential by credential, so an account with an incomplete suffixed set quietly uses another account's values (a client id with someone else's secret, or another account's token). It is an error when the required credentials themselves are split (its own client id with the shared secret). Sharing only the required app credentials while each account has its own optional token is the usual pattern and is not reported."
  )

  var examples: [RuleExample] {
    [
      .triggering(
        ".env",
        "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n↓DEMO_CLIENT_ID_shop=cid.0123abce\n"),
      .triggering(
        ".env",
        "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\nDEMO_TOKEN='tk|AbCdEf012345'\n↓DEMO_CLIENT_ID_shop=cid.0123abce\nDEMO_CLIENT_SECRET_shop=cs.0123456789abcdee\n"
      ),
      .passing(
        ".env",
        "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\nDEMO_TOKEN_shop='tk|AbCdEf012345'\nDEMO_TOKEN_outlet='tk|AbCdEf012346'\n"
      ),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    var found: [Diagnostic] = []
    for account in DotenvAccounts.accounts(context) {
      var own: [CredentialSpec] = []
      var shared: [CredentialSpec] = []
      for (spec, resolution) in account.resolutions {
        switch resolution {
        case .own, .empty: own.append(spec)
        case .fallback: shared.append(spec)
        case .missing: continue
        }
      }
      guard !own.isEmpty, !shared.isEmpty else { continue }
      // Shared app credentials with per-account optional credentials is the usual layout.
      if own.allSatisfy({ !$0.required }) && shared.allSatisfy(\.required) { continue }
      // Required credentials split between the account and the shared set (a client id with
      // another app's secret) cannot work together: an error.
      let splitsRequired = own.contains(where: \.required) && shared.contains(where: \.required)
      let ownNames = own.map { "'\($0.env ?? $0.key)'" }.joined(separator: ", ")
      let sharedNames = shared.map { "'\($0.env ?? $0.key)'" }.joined(separator: ", ")
      found.append(
        diagnostic(
          context,
          "\(context.owner(account.name).capitalizedFirst) sets its own \(ownNames) but silently uses the unsuffixed \(sharedNames) of the shared set.",
          at: account.anchor, severity: splitsRequired ? .error : .warning,
          fix:
            "Add the account's own suffixed \(sharedNames), or remove its suffixed names to use the shared set whole."))
    }
    return found
  }
}
