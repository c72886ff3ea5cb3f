import OnboardDiagnostics

/// `guide/unknown-link-target`: a `#id` link (or `**Requires:**` link) to an id that does not exist.
struct LinkTargetCheck: GuideCheck {
  static let ruleIDs = [GuideRules.unknownLinkTarget]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    let guide = context.guide
    var ids = Set(guide.stages.map(\.id) + guide.steps.map(\.id) + guide.sections.map(\.id))
    for stage in guide.stages { ids.insert(Slug.make(stage.title)) }
    for section in guide.sections { ids.insert(Slug.make(section.title)) }
    var references = context.links
    for stage in guide.stages {
      references += stage.requires
      for step in stage.steps { references += step.requires }
    }
    var seen: Set<DiagnosticLocation> = []
    var diagnostics: [Diagnostic] = []
    let known = Array(ids)
    for reference in references where !ids.contains(reference.target) && seen.insert(reference.location).inserted {
      let suggestion = NameSuggesterShim.suggest(reference.target, among: known)
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.unknownLinkTarget,
          message: "The link points to '#\(reference.target)', which is not the id of any stage, step or section"
            + (suggestion.map { "; did you mean '#\($0)'?" } ?? "."),
          location: reference.location, fix: "Link to an existing id, or add <a id=\"\(reference.target)\"></a> where it should point."))
    }
    return diagnostics
  }
}
