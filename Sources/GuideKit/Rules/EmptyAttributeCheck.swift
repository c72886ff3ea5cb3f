import OnboardDiagnostics

/// `guide/empty-attribute`: an attribute with no value (`**Check:**` alone), or with none of
/// the values it takes (a **Produces:** with no key, a **Screenshot:** with no link); found by
/// the reader.
struct EmptyAttributeCheck: GuideCheck {
  static let ruleIDs = [GuideRules.emptyAttribute]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    context.readingProblems.compactMap { problem in
      guard case .emptyAttribute(let label, let expected, let location) = problem else { return nil }
      return Diagnostic(
        severity: .warning, ruleID: GuideRules.emptyAttribute,
        message: "**\(label):** has no value" + (expected.map { "; expected \($0)." } ?? "."),
        location: location)
    }
  }
}
