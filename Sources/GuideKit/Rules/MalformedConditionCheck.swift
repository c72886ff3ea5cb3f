import OnboardDiagnostics

/// `guide/malformed-condition`: a **When:** or `<!-- when: … -->` condition that does not
/// parse, reported at the column where it goes wrong (found by the reader).
struct MalformedConditionCheck: GuideCheck {
  static let ruleIDs = [GuideRules.malformedCondition]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    context.readingProblems.compactMap { problem in
      guard case .malformedCondition(let message, let location) = problem else { return nil }
      return Diagnostic(
        severity: .error, ruleID: GuideRules.malformedCondition,
        message: "This condition cannot be read: \(message).", location: location,
        fix: "Write conditions like: marketplace in [UK, DE] and not credential_source == \"code\".")
    }
  }
}
