import CredentialLint
import CredentialSpecs
import Foundation
import GuideKit
import OnboardDiagnostics

/// A guide with its template set and service layout, resolved by ``GuideResolver``: what
/// `walk`, `credentials merge` and `lint` need.
public struct GuideSetup: Sendable {
  /// Why the guide or its layout cannot be used.
  public enum Failure: Error, CustomStringConvertible, Sendable {
    /// A usage or I/O problem (exit 2), in words.
    case usage(String)
    /// The guide has errors (exit 1); `onboard check` shows them.
    case guideErrors(file: String, diagnostics: [Diagnostic])

    public var description: String {
      switch self {
      case .usage(let message): return message
      case .guideErrors(let file, let diagnostics):
        let count = diagnostics.count
        return "the guide \(file) has \(count) error\(count == 1 ? "" : "s"); run 'onboard check \(file)' for details"
      }
    }
  }

  /// The guide.
  public var guide: Guide
  /// The layout of the guide's template set.
  public var layout: ServiceLayout
  /// Where the layout was read from.
  public var layoutPath: String
  /// The guide file, and where it was found.
  public var guideLocation: LocatedPath
  /// The template set folder, and where it was found.
  public var templateSetLocation: LocatedPath

  /// Loads a guide and the `layout.yml` of its template set.
  /// - Parameters:
  ///   - guidePath: the guide: a file or an installed guide's id; `nil` for the default guide.
  ///   - templateSet: a template set folder given on the command line (holding `layout.yml`),
  ///     or `nil` for the guide's own (front matter `templates:`), found by ``GuideResolver``.
  ///   - screenshotFolders: extra folders to look for screenshots in.
  ///   - resolver: where guides and template sets are looked for.
  public static func load(
    guidePath: String?, templateSet: String?, screenshotFolders: [String] = [],
    resolver: GuideResolver = GuideResolver()
  ) throws -> GuideSetup {
    let located: LocatedPath
    do {
      located = try resolver.guide(guidePath)
    } catch {
      throw Failure.usage(error.description)
    }
    let file = located.path
    guard FileManager.default.isReadableFile(atPath: file) else {
      throw Failure.usage("cannot read the guide \(file)")
    }
    let loaded = GuideLoader(screenshotFolders: screenshotFolders).load(file: file)
    let errors = loaded.diagnostics.filter { $0.severity == .error }
    guard let guide = loaded.guide, errors.isEmpty else {
      throw Failure.guideErrors(file: file, diagnostics: errors)
    }
    guard !guide.credentials.isEmpty else {
      throw Failure.usage("the guide \(file) specifies no credentials (a ```yaml credentials block)")
    }
    do {
      let folder = try resolver.templateSet(
        explicit: templateSet, name: guide.metadata.templates.first, guideFile: file, holding: "layout.yml")
      let (layout, layoutPath) = try resolver.layout(templateSet: folder.path)
      return GuideSetup(
        guide: guide, layout: layout, layoutPath: layoutPath, guideLocation: located, templateSetLocation: folder)
    } catch {
      throw Failure.usage(error.description)
    }
  }

  /// A linter for the guide's credentials.
  public func linter(checkPermissions: Bool = true) -> CredentialLinter {
    CredentialLinter(
      specs: guide.credentials, layout: layout, options: CredentialLinter.Options(checkPermissions: checkPermissions))
  }

  /// The layout's accounts-yaml file, if it has one.
  public var accountsFile: ServiceLayout.FileLayout? { layout.file(kind: .accountsYAML) }
}
