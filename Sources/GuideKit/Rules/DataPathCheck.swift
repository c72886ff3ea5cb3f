import OnboardDiagnostics
import OnboardSupport

/// `guide/data-path-outside`: a data table named in the front matter (`data:`) that leads out of
/// the guide's folder: an absolute path, `..` parts that climb out, or a symbolic link that
/// points elsewhere. Such a file is never read.
struct DataPathCheck: GuideCheck {
  static let ruleIDs = [GuideRules.dataPathOutside]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    let metadata = context.guide.metadata
    guard let name = metadata.data,
      let reason = DataTablePath.problem(of: name, guideFolder: context.guideFolder)
    else { return [] }
    return [
      Diagnostic(
        severity: .error, ruleID: GuideRules.dataPathOutside,
        message: "The data table '\(name)' is not read: \(reason). A data table must lie inside the guide's folder.",
        location: metadata.dataLocation ?? metadata.location,
        fix:
          "Copy the table into the guide's folder (for example \(PathParts.lastPart(of: name))) and name it by that path."
      )
    ]
  }
}
