import CredentialSpecs
import OnboardDiagnostics

/// `guide/unknown-link-target`: a `#id` link (or `**Requires:**` link) to an id that does not exist.
struct LinkTargetCheck: GuideCheck {
  static let ruleIDs = [GuideRules.unknownLinkTarget]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    let guide = context.guide
    var ids: Set<String> = []
    var requirements: [Reference] = []
    // Steps are read in place (by index), not copied out of the guide.
    for stage in guide.stages {
      ids.insert(stage.id)
      requirements += stage.requires
      for index in stage.steps.indices {
        ids.insert(stage.steps[index].id)
        requirements += stage.steps[index].requires
      }
    }
    for section in guide.sections { ids.insert(section.id) }
    // GitHub also anchors every heading by its slug: plain links may use those.
    var slugs: Set<String> = []
    for stage in guide.stages { slugs.insert(Slug.make(stage.title)) }
    for section in guide.sections { slugs.insert(Slug.make(section.title)) }
    let requirementLocations = Set(requirements.map(\.location))
    var seen: Set<DiagnosticLocation> = []
    var diagnostics: [Diagnostic] = []
    var unresolved: [Reference] = []
    for reference in requirements where !ids.contains(reference.target) { unresolved.append(reference) }
    for reference in context.links
    where !requirementLocations.contains(reference.location) && !ids.contains(reference.target)
      && !slugs.contains(reference.target)
    {
      unresolved.append(reference)
    }
    unresolved.sort { $0.location < $1.location }
    // One index of the ids for every unknown target (a guide may have hundreds of each).
    let known = NameIndex(unresolved.isEmpty ? [] : Array(ids))
    for reference in unresolved where seen.insert(reference.location).inserted {
      let suggestion = known.suggest(reference.target)
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
