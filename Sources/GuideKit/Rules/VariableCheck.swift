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
      // Each comparison's variable is reported at its own word of the condition.
      let comparisons = ConditionComparison.all(in: use.text)
      for name in use.condition.variables {
        let places = comparisons.filter { $0.variable == name }
        guard !places.isEmpty else {
          uses.append((name, use.location))
          continue
        }
        for place in places {
          uses.append((name, ConditionPosition.location(of: place.variableOffset, in: use.text, start: use.location)))
        }
      }
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
