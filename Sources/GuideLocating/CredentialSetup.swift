import CredentialLint
import CredentialSpecs
import Foundation
import GuideKit
import OnboardDiagnostics

/// A guide's front matter and credential specs with its template set's layout: what `lint`
/// needs. Only the front matter and the credentials block are read (checking the rest of the
/// guide is `onboard check`'s job), which keeps a one-file lint's start-up short.
public struct CredentialSetup: Sendable {
  /// The guide's front matter and credential specs.
  public var credentials: GuideCredentials
  /// The layout of the guide's template set.
  public var layout: ServiceLayout
  /// The guide file, and where it was found.
  public var guideLocation: LocatedPath
  /// The template set folder, and where it was found.
  public var templateSetLocation: LocatedPath

  /// Loads the guide's credentials and the `layout.yml` of its template set.
  /// - Parameters:
  ///   - guide: a guide file or an installed guide's id; `nil` for the default guide.
  ///   - templates: a template set folder, or a folder of template sets, from `--templates`.
  ///   - resolver: where guides and template sets are looked for.
  /// - Throws: ``ResolutionError`` in words, with the first diagnostics when the guide or layout has errors.
  public static func load(guide: String?, templates: String?, resolver: GuideResolver = GuideResolver())
    throws(ResolutionError) -> CredentialSetup
  {
    let located = try resolver.guide(guide)
    let path = located.path
    let loaded: GuideCredentials
    switch GuideLoader().loadCredentials(file: path) {
    case .success(let value): loaded = value
    case .failure(let list):
      throw ResolutionError("cannot load the guide \(path)" + firstLines(of: list.diagnostics))
    }
    let specErrors = loaded.diagnostics.filter { $0.severity == .error }
    if !specErrors.isEmpty {
      throw ResolutionError(
        "the guide \(path) has errors in its front matter or credentials block (run onboard check)"
          + firstLines(of: specErrors))
    }
    guard !loaded.credentials.isEmpty else {
      throw ResolutionError("the guide \(path) specifies no credentials (a ```yaml credentials block).")
    }
    let folder = try resolver.templateSet(
      explicit: templates, name: loaded.metadata.templates.first, guideFile: path, holding: "layout.yml")
    let layout = try resolver.layout(templateSet: folder.path).layout
    return CredentialSetup(credentials: loaded, layout: layout, guideLocation: located, templateSetLocation: folder)
  }

  /// A linter for the guide's credentials.
  public func linter(checkPermissions: Bool = true) -> CredentialLinter {
    CredentialLinter(
      specs: credentials.credentials, layout: layout,
      options: CredentialLinter.Options(checkPermissions: checkPermissions))
  }

  /// The first three diagnostics, one indented `file:line:column: severity: message [rule]` line each.
  static func firstLines(of diagnostics: [Diagnostic]) -> String {
    diagnostics.prefix(3).map { "\n  \($0.location): \($0.severity): \($0.message) [\($0.ruleID)]" }.joined()
  }
}
