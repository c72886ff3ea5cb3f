import OnboardDiagnostics

/// `guide/missing-screenshot` (a named file not found) and `guide/unused-screenshot` (an image
/// that illustrates no step).
struct ScreenshotCheck: GuideCheck {
  static let ruleIDs = [GuideRules.missingScreenshot, GuideRules.unusedScreenshot]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for screenshot in context.guide.screenshots {
      if case .notRegularFile(let path) = screenshot.problem {
        diagnostics.append(
          Diagnostic(
            severity: .warning, ruleID: GuideRules.missingScreenshot,
            message: "The screenshot '\(screenshot.path)' is not a regular file (\(path)), so it is not read.",
            location: screenshot.location,
            fix: "Put the image file itself at \(path)."))
      } else if screenshot.resolvedPath == nil && screenshot.problem == nil {
        let guideFolder = context.searchedFolders.first ?? "."
        var looked = "\(guideFolder)/\(screenshot.path)"
        for folder in context.searchedFolders.dropFirst() {
          looked += ", \(folder)/\(screenshot.path), \(folder)/\(screenshot.fileName)"
        }
        diagnostics.append(
          Diagnostic(
            severity: .warning, ruleID: GuideRules.missingScreenshot,
            message: "The screenshot '\(screenshot.path)' was not found; looked at \(looked).",
            location: screenshot.location,
            fix:
              "Put the file at \(context.searchedFolders.first ?? ".")/\(screenshot.path), or pass --screenshots DIR naming the folder that holds \(screenshot.fileName)."
          ))
      }
      if screenshot.illustrates.isEmpty {
        diagnostics.append(
          Diagnostic(
            severity: .warning, ruleID: GuideRules.unusedScreenshot,
            message: "The screenshot '\(screenshot.path)' illustrates no step, so no checklist or prompt shows it.",
            location: screenshot.location,
            fix: "Add it to the step it shows, as an image or a **Screenshot:** link."))
      }
    }
    return diagnostics
  }
}
