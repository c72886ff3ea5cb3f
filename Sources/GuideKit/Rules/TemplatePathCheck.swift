import OnboardDiagnostics

/// `guide/template-path-outside`: a template set named in the front matter (`templates:`) that
/// leads out of `templates/`: an absolute path, `..` parts that climb out, or a symbolic link
/// that points elsewhere. Commands never load such a set.
struct TemplatePathCheck: GuideCheck {
  static let ruleIDs = [GuideRules.templatePathOutside]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    let metadata = context.guide.metadata
    var diagnostics: [Diagnostic] = []
    for (index, name) in metadata.templates.enumerated() {
      guard case .outside(let reason) = TemplateSetPath.locate(name: name, guideFolder: context.guideFolder) else {
        continue
      }
      let location = index < metadata.templateLocations.count ? metadata.templateLocations[index] : metadata.location
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.templatePathOutside,
          message: "The template set '\(name)' is not used: \(reason). A template set is a folder inside templates/.",
          location: location,
          fix: "Name a folder inside templates/ (such as 'sp-api'), or pass --templates DIR to the command."))
    }
    return diagnostics
  }
}
