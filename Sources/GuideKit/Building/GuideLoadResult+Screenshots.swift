import OnboardDiagnostics

extension GuideLoadResult {
  /// The `guide/missing-screenshot` warnings of the screenshots that illustrate a step (those
  /// packets and runbooks show), one per file. `packets` and `runbook` print them, so that a
  /// checklist's box naming a missing file never comes as a surprise.
  public var missingScreenshotWarnings: [Diagnostic] {
    guard let guide else { return [] }
    let shown = Set(guide.screenshots.filter { !$0.illustrates.isEmpty }.map(\.location))
    return diagnostics.filter { $0.ruleID == GuideRules.missingScreenshot && shown.contains($0.location) }
  }
}
