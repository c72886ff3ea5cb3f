import OnboardDiagnostics

/// `guide/derived-id`: a stage or step with no explicit `<a id="…"></a>`, whose id is derived
/// from its heading or position and so changes when they do.
struct DerivedIDCheck: GuideCheck {
  static let ruleIDs = [GuideRules.derivedID]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for stage in context.guide.stages {
      if !stage.hasExplicitID {
        diagnostics.append(
          Diagnostic(
            severity: .note, ruleID: GuideRules.derivedID,
            message:
              "The stage '\(stage.title)' has no explicit id; '\(stage.id)' is derived from its heading and changes if the heading does.",
            location: stage.location,
            fix: "Start the heading with <a id=\"\(stage.id)\"></a>."))
      }
      for step in stage.steps where !step.hasExplicitID {
        diagnostics.append(
          Diagnostic(
            severity: .note, ruleID: GuideRules.derivedID,
            message:
              "Step \(step.number) of '\(step.stageID)' has no explicit id; '\(step.id)' is derived from its position and changes if steps move.",
            location: step.location,
            fix: "Start the step with <a id=\"…\"></a> naming what it does."))
      }
    }
    return diagnostics
  }
}
