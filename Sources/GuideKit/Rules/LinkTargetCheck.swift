import OnboardDiagnostics

/// `guide/unknown-link-target`: a `#id` link (or `**Requires:**` link) to an id that does not exist.
struct LinkTargetCheck: GuideCheck {
  static let ruleIDs = [GuideRules.unknownLinkTarget]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    let guide = context.guide
    let ids = Set(guide.stages.map(\.id) + guide.steps.map(\.id) + guide.sections.map(\.id))
    // GitHub also anchors every heading by its slug: plain links may use those.
    var anchors = ids
    for stage in guide.stages { anchors.insert(Slug.make(stage.title)) }
    for section in guide.sections { anchors.insert(Slug.make(section.title)) }
    var requirements: [Reference] = []
    for stage in guide.stages {
      requirements += stage.requires
      for step in stage.steps { requirements += step.requires }
    }
    let requirementLocations = Set(requirements.map(\.location))
    var seen: Set<DiagnosticLocation> = []
    var diagnostics: [Diagnostic] = []
    let known = Array(ids)
    var unresolved: [Reference] = []
    for reference in requirements where !ids.contains(reference.target) { unresolved.append(reference) }
    for reference in context.links
    where !requirementLocations.contains(reference.location) && !anchors.contains(reference.target) {
      unresolved.append(reference)
    }
    unresolved.sort { $0.location < $1.location }
    for reference in unresolved where seen.insert(reference.location).inserted {
      let suggestion = NameSuggesterShim.suggest(reference.target, among: known)
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.unknownLinkTarget,
          message: requirementLocations.contains(reference.location)
            ? "**Requires:** links to '#\(reference.target)', which is not the id of any stage or step"
              + (suggestion.map { "; did you mean '#\($0)'?" } ?? ".")
            : "The link points to '#\(reference.target)', which is not the id of any stage, step or section"
              + (suggestion.map { "; did you mean '#\($0)'?" } ?? "."),
          location: reference.location,
          fix: "Link to an existing id, or add <a id=\"\(reference.target)\"></a> where it should point."))
    }
    return diagnostics
  }
}
