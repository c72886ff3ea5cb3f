import OnboardDiagnostics

/// `guide/screenshot-outside`: a screenshot path that leads outside the guide's folder and
/// every `--screenshots` folder (`../../etc/passwd`, `/proc/self/environ`, a symbolic link that
/// points out). Such a file is never read, so that a guide cannot copy any file of the machine
/// into a packet or a runbook.
struct ScreenshotPathCheck: GuideCheck {
  static let ruleIDs = [GuideRules.screenshotOutside]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for screenshot in context.guide.screenshots {
      guard case .outside(let reason) = screenshot.problem else { continue }
      let folders = context.searchedFolders.joined(separator: ", ")
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.screenshotOutside,
          message:
            "The screenshot '\(screenshot.path)' is not read: \(reason). A screenshot must lie inside \(folders).",
          location: screenshot.location,
          fix:
            "Copy the image into the guide's folder (for example images/\(screenshot.fileName)) and name it by that path, or pass --screenshots DIR for the folder that holds it."
        ))
    }
    return diagnostics
  }
}
