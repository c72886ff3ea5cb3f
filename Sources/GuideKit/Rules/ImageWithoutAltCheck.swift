import OnboardDiagnostics

/// `guide/image-without-alt`: an image or **Screenshot:** link with no alt text, which would be
/// the screenshot's caption and what screen readers say (found by the reader).
struct ImageWithoutAltCheck: GuideCheck {
  static let ruleIDs = [GuideRules.imageWithoutAlt]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    context.readingProblems.compactMap { problem in
      guard case .imageWithoutAlt(let location) = problem else { return nil }
      return Diagnostic(
        severity: .warning, ruleID: GuideRules.imageWithoutAlt,
        message: "This image has no alt text; it becomes the screenshot's caption and what screen readers say.",
        location: location, fix: "Describe the screen between the brackets: ![App overview](…).")
    }
  }
}
