import CredentialSpecs
import OnboardDiagnostics

/// The credential rules: `guide/unspecified-credential`, `guide/consumed-before-produced`,
/// `guide/produced-twice` and `guide/credential-never-produced`.
struct CredentialFlowCheck: GuideCheck {
  static let ruleIDs = [
    GuideRules.unspecifiedCredential, GuideRules.consumedBeforeProduced, GuideRules.producedTwice,
    GuideRules.neverProduced, GuideRules.producedByMismatch,
  ]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    let guide = context.guide
    var diagnostics: [Diagnostic] = []
    var producedAt: [String: (step: String, location: DiagnosticLocation)] = [:]
    // The ids of the steps that produce each key, in guide order. Steps are read in place (by
    // index), not copied out of the guide: a large guide has thousands.
    var producers: [String: [String]] = [:]
    for stage in guide.stages {
      for index in stage.steps.indices {
        for reference in stage.steps[index].produces {
          producers[reference.key, default: []].append(stage.steps[index].id)
        }
      }
    }
    let specKeys = guide.credentials.keys
    for stage in guide.stages {
      for index in stage.steps.indices
      where !stage.steps[index].consumes.isEmpty || !stage.steps[index].produces.isEmpty {
        let stepID = stage.steps[index].id
        let consumes = stage.steps[index].consumes
        let produces = stage.steps[index].produces
        for reference in consumes + produces where guide.credentials[key: reference.key] == nil {
          let suggestion = NameSuggester.suggest(reference.key, among: specKeys)
          diagnostics.append(
            Diagnostic(
              severity: .error, ruleID: GuideRules.unspecifiedCredential,
              message: "The credential '\(reference.key)' is not specified in the guide's `yaml credentials` block"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "."),
              location: reference.location,
              fix: "Add a spec for '\(reference.key)' to the credentials block, or fix the name."))
        }
        let ownKeys = Set(produces.map(\.key))
        for reference in consumes where producedAt[reference.key] == nil && !ownKeys.contains(reference.key) {
          let later = producers[reference.key]?.first { $0 != stepID }
          let message: String
          if let later {
            message = "Step '\(stepID)' consumes '\(reference.key)' before step '\(later)' produces it."
          } else {
            message = "Step '\(stepID)' consumes '\(reference.key)', but no step produces it."
          }
          diagnostics.append(
            Diagnostic(
              severity: .error, ruleID: GuideRules.consumedBeforeProduced, message: message,
              location: reference.location,
              fix: later == nil
                ? "Add **Produces:** `\(reference.key)` to the step where the value is obtained."
                : "Move the producing step earlier, or this step later."))
        }
        for reference in produces {
          if let earlier = producedAt[reference.key], earlier.step != stepID {
            diagnostics.append(
              Diagnostic(
                severity: .warning, ruleID: GuideRules.producedTwice,
                message:
                  "'\(reference.key)' is produced again here; step '\(earlier.step)' (line \(earlier.location.line)) already produces it.",
                location: reference.location, fix: "Keep **Produces:** on the step where the value first appears."))
          } else if producedAt[reference.key] == nil {
            producedAt[reference.key] = (stepID, reference.location)
          }
        }
      }
    }
    for spec in guide.credentials.specs where !spec.isDeprecated && producers[spec.key] == nil {
      diagnostics.append(
        Diagnostic(
          severity: .warning, ruleID: GuideRules.neverProduced,
          message:
            "The credential '\(spec.key)' is specified but no step produces it, so no one is told where to get it.",
          location: spec.location ?? DiagnosticLocation(file: guide.file, line: 1, column: 1),
          fix: "Add **Produces:** `\(spec.key)` to the step that yields it, or mark the spec deprecated."))
    }
    for spec in guide.credentials.specs {
      guard let producedBy = spec.producedBy else { continue }
      let actual = producers[spec.key] ?? []
      if !actual.contains(producedBy) {
        diagnostics.append(
          Diagnostic(
            severity: .warning, ruleID: GuideRules.producedByMismatch,
            message: actual.isEmpty
              ? "The spec of '\(spec.key)' says step '\(producedBy)' produces it, but that step has no **Produces:** `\(spec.key)`."
              : "The spec of '\(spec.key)' says step '\(producedBy)' produces it, but the guide has step '\(actual[0])' produce it.",
            location: spec.location ?? DiagnosticLocation(file: guide.file, line: 1, column: 1),
            fix: "Make `produced-by` name the step with **Produces:** `\(spec.key)`, or drop the field."))
      }
    }
    return diagnostics
  }
}
