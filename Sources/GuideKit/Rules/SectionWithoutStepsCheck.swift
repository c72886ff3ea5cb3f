import OnboardDiagnostics

/// `guide/section-without-steps`: a `##` section with a stage attribute or an explicit id but
/// no steps, so it is not a stage and the attribute or id does nothing (found by the reader).
struct SectionWithoutStepsCheck: GuideCheck {
  static let ruleIDs = [GuideRules.sectionWithoutSteps]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    context.readingProblems.compactMap { problem in
      guard case .sectionWithoutSteps(let title, let label, let explicitID, let location) = problem else { return nil }
      if let label {
        return Diagnostic(
          severity: .warning, ruleID: GuideRules.sectionWithoutSteps,
          message:
            "The section '\(title)' has a **\(label):** attribute but no steps, so it is not a stage and the attribute does nothing.",
          location: location,
          fix: "Add the steps as an ordered list (1. …) or ### headings, or remove the attribute.")
      }
      return Diagnostic(
        severity: .warning, ruleID: GuideRules.sectionWithoutSteps,
        message: "The section '\(title)' has the explicit id '\(explicitID ?? "")' but no steps, so it is not a stage.",
        location: location,
        fix: "Add the steps as an ordered list (1. …) or ### headings, or drop the id if it is background prose.")
    }
  }
}
