import OnboardDiagnostics

/// `guide/uncovered-alternative`: neighbouring steps of a stage that are alternatives (each
/// guarded by its own `**When:** v == "…"` or `v in […]` on the same variable) leave out a value
/// the variable can hold, so a recipient with that value gets none of them.
struct UncoveredAlternativeCheck: GuideCheck {
  static let ruleIDs = [GuideRules.uncoveredAlternative]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for stage in context.guide.stages {
      var group: [(step: Step, variable: String, values: [String])] = []
      func close() {
        defer { group.removeAll() }
        guard group.count >= 2, let first = group.first,
          let allowed = context.guide.allowedValues(of: first.variable)
        else { return }
        let covered = Set(group.flatMap { $0.values.map { $0.lowercased() } })
        let missing = allowed.filter { !covered.contains($0.lowercased()) }
        guard !missing.isEmpty else { return }
        let steps = group.map { "'\($0.step.id)'" }.joined(separator: ", ")
        let quoted = missing.map { "\"\($0)\"" }.joined(separator: ", ")
        diagnostics.append(
          Diagnostic(
            severity: .warning, ruleID: GuideRules.uncoveredAlternative,
            message:
              "The steps \(steps) are alternatives for '\(first.variable)', but none of them is for \(quoted): a recipient with \(missing.count == 1 ? "that value" : "those values") gets none of them.",
            location: first.step.location,
            fix: "Add a step for \(quoted), or widen one step's condition (for example `\(first.variable) in [...]`)."))
      }
      for step in stage.steps {
        guard let alternative = Self.alternative(step.condition) else {
          close()
          continue
        }
        if let current = group.first, current.variable != alternative.variable { close() }
        group.append((step, alternative.variable, alternative.values))
      }
      close()
    }
    return diagnostics
  }

  /// The variable and values of a condition that selects by one variable: `v == "x"` or
  /// `v in [x, y]`; `nil` for any other condition.
  static func alternative(_ condition: Condition?) -> (variable: String, values: [String])? {
    switch condition {
    case .equals(let variable, let value)?: return (variable, [value])
    case .isIn(let variable, let values)?: return (variable, values)
    default: return nil
    }
  }
}
