import OnboardDiagnostics

/// `guide/duplicate-id`: two stages, steps or sections with the same id.
struct DuplicateIDCheck: GuideCheck {
  static let ruleIDs = [GuideRules.duplicateID]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    var first: [String: DiagnosticLocation] = [:]
    var diagnostics: [Diagnostic] = []
    var entries: [(String, DiagnosticLocation)] = []
    for stage in context.guide.stages {
      entries.append((stage.id, stage.location))
      for index in stage.steps.indices { entries.append((stage.steps[index].id, stage.steps[index].location)) }
    }
    for section in context.guide.sections where section.hasExplicitID { entries.append((section.id, section.location)) }
    entries.sort { $0.1 < $1.1 }
    for (id, location) in entries {
      if let earlier = first[id] {
        diagnostics.append(
          Diagnostic(
            severity: .error, ruleID: GuideRules.duplicateID,
            message: "The id '\(id)' is already used at line \(earlier.line); ids must be unique in a guide.",
            location: location, fix: "Rename one of them."))
      } else {
        first[id] = location
      }
    }
    return diagnostics
  }
}
