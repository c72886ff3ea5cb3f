import OnboardDiagnostics

/// `guide/unsafe-id`: a stage, step or section id that cannot name a file or folder everywhere
/// (``PortableName``): ids become file and folder names.
struct UnsafeIDCheck: GuideCheck {
  static let ruleIDs = [GuideRules.unsafeID]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    var entries: [(String, DiagnosticLocation)] = []
    for stage in context.guide.stages {
      entries.append((stage.id, stage.location))
      for step in stage.steps { entries.append((step.id, step.location)) }
    }
    for section in context.guide.sections where section.hasExplicitID { entries.append((section.id, section.location)) }
    var diagnostics: [Diagnostic] = []
    for (id, location) in entries {
      guard let problem = PortableName.problem(id) else { continue }
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.unsafeID,
          message: "The id '\(id)' cannot be used as a file or folder name: \(problem).", location: location,
          fix: "Choose an id that starts with a letter or digit, such as 'create-app'."))
    }
    return diagnostics
  }
}
