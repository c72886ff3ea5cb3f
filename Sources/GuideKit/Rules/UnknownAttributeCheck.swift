import OnboardDiagnostics

/// `guide/unknown-attribute`: a bold label one edit away from an attribute's (`**Produce:**`),
/// or a step's attribute written on a stage, where it is ignored (found by the reader).
struct UnknownAttributeCheck: GuideCheck {
  static let ruleIDs = [GuideRules.unknownAttribute]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    context.readingProblems.compactMap { problem in
      switch problem {
      case .misspeltAttribute(let text, let closest, let location):
        return Diagnostic(
          severity: .warning, ruleID: GuideRules.unknownAttribute,
          message: "Unknown attribute label '\(text)'; did you mean '\(closest)'?", location: location,
          fix: "Write **\(closest):** — known labels are "
            + Attribute.Label.allCases.map(\.rawValue).joined(separator: ", ") + ".")
      case .stepAttributeOnStage(let label, let location):
        return Diagnostic(
          severity: .warning, ruleID: GuideRules.unknownAttribute,
          message: "**\(label):** belongs to a step, not to a stage; here it is ignored.",
          location: location, fix: "Move the line into the step it belongs to.")
      default: return nil
      }
    }
  }
}
