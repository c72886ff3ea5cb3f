import OnboardDiagnostics

/// `guide/unknown-condition-value`: a condition compares a variable with a value outside the
/// values it can hold (its front matter `values:`, the data table's keys for the data key, or
/// file, env and code for `credential_source`). Such a comparison is never true (or always
/// true), so the step it guards is dropped (or kept) for every recipient in silence.
struct ConditionValueCheck: GuideCheck {
  static let ruleIDs = [GuideRules.unknownConditionValue]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for use in context.conditionUses {
      for comparison in ConditionComparison.all(in: use.text) {
        guard let allowed = context.guide.allowedValues(of: comparison.variable) else { continue }
        for (value, offset) in comparison.values where !context.guide.allows(value, for: comparison.variable) {
          let suggestion = ValueSuggester.suggest(value, among: allowed)
          diagnostics.append(
            Diagnostic(
              severity: .error, ruleID: GuideRules.unknownConditionValue,
              message:
                "'\(value)' is not a value '\(comparison.variable)' can hold (\(allowed.joined(separator: ", ")))"
                + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "."),
              location: ConditionPosition.location(of: offset, in: use.text, start: use.location),
              fix: suggestion.map { "Write \"\($0)\"." }
                ?? "Use one of \(allowed.joined(separator: ", ")), or add the value to the variable's `values:`."))
        }
      }
    }
    return diagnostics
  }
}
