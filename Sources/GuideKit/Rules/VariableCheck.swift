import CredentialSpecs
import OnboardDiagnostics

/// `guide/unknown-variable`: a `{{name}}` or a condition variable that is neither a standard
/// roster field, nor declared in the front matter, nor a data-table column.
struct VariableCheck: GuideCheck {
  static let ruleIDs = [GuideRules.unknownVariable]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    let known = context.guide.knownVariables
    let candidates = NameIndex(Array(known))
    var diagnostics: [Diagnostic] = []
    var uses = context.variableUses
    for use in context.conditionUses {
      for name in use.condition.variables { uses.append((name, use.location)) }
    }
    for use in uses where !known.contains(use.name) {
      let suggestion = candidates.suggest(use.name)
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.unknownVariable,
          message:
            "The variable '\(use.name)' is not a standard roster field, not declared under `variables:` in the front matter, and not a column of the data table"
            + (suggestion.map { "; did you mean '\($0)'?" } ?? "."),
          location: use.location,
          fix: "Declare it in the front matter (variables: {\(use.name): what it is}) or fix the name."))
    }
    return diagnostics
  }
}
