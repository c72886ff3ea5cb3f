import OnboardDiagnostics

/// `env/space-around-equals`: spaces around `=` in a dotenv line.
struct SpaceAroundEqualsRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "env/space-around-equals", summary: "Spaces around '=' in a dotenv line.", defaultSeverity: .warning,
    help:
      "python-dotenv accepts NAME = value, but a shell that sources the file runs NAME as a command (and with NAME= value, runs the value as a command, printing it in the error). Remove the spaces (--fix does)."
  )
  var isFixable: Bool { true }

  var examples: [RuleExample] {
    [
      .triggering(".env", "DEMO_CLIENT_ID↓ = cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
      .triggering(".env", "DEMO_CLIENT_ID=↓ cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
      .passing(".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.format == .dotenv else { return [] }
    return context.document.dotenvBindings.compactMap { binding in
      guard binding.value != nil else { return nil }
      let after = (binding.value?.isEmpty ?? true) ? nil : binding.spaceAfterEquals
      guard let space = binding.spaceBeforeEquals ?? after else { return nil }
      return diagnostic(
        context,
        "Spaces around '=' for \(context.names.display(binding.key)): python-dotenv accepts them, but a shell that sources the file fails on this line.",
        at: space, fix: "Remove the spaces around '=' (onboard lint --fix does).")
    }
  }
}
