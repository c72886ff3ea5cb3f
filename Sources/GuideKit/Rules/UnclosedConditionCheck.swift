import OnboardDiagnostics

/// `guide/unclosed-condition`: a `<!-- when: … -->` region still open at the end of its step or
/// stage, or an `<!-- end -->` that closes none (found by the reader).
struct UnclosedConditionCheck: GuideCheck {
  static let ruleIDs = [GuideRules.unclosedCondition]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    context.readingProblems.compactMap { problem in
      switch problem {
      case .unclosedCondition(let location):
        return Diagnostic(
          severity: .error, ruleID: GuideRules.unclosedCondition,
          message: "This <!-- when: … --> region is not closed with <!-- end --> in the same step or stage.",
          location: location, fix: "Add <!-- end --> where the conditional part ends.")
      case .endClosesNothing(let location):
        return Diagnostic(
          severity: .error, ruleID: GuideRules.unclosedCondition,
          message: "This <!-- end --> closes no <!-- when: … --> region.", location: location,
          fix: "Remove it, or add the <!-- when: … --> it should close.")
      default: return nil
      }
    }
  }
}
