import OnboardDiagnostics

/// `guide/no-stages`: a guide with no `##` section that holds steps.
struct NoStagesCheck: GuideCheck {
  static let ruleIDs = [GuideRules.noStages]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    guard context.guide.stages.isEmpty else { return [] }
    return [
      Diagnostic(
        severity: .error, ruleID: GuideRules.noStages,
        message: "The guide has no stages: no `##` section holds an ordered list of steps or `###` step headings.",
        location: DiagnosticLocation(file: context.guide.file, line: 1, column: 1),
        fix: "Add a `## Stage` heading followed by a numbered list, one item per step.")
    ]
  }
}
