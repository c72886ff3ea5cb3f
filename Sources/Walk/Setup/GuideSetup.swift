import CredentialLint
import CredentialSpecs
import Foundation
import GuideKit
import OnboardDiagnostics

/// A guide with its service layout: what `walk` and `credentials merge` need.
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

  /// Loads a guide and the `layout.yml` of its template set.
  /// - Parameters:
  ///   - guidePath: the guide file.
  ///   - templateSet: a template set folder given on the command line (holding `layout.yml`),
  ///     or `nil` for the guide's own (front matter `templates:`), looked for as
  ///     `templates/<name>` in the current folder, beside the guide's folder, then inside it.
  ///   - screenshotFolders: extra folders to look for screenshots in.
  public static func load(guidePath: String, templateSet: String?, screenshotFolders: [String] = []) throws
    -> GuideSetup
  {
    guard FileManager.default.isReadableFile(atPath: guidePath) else {
      throw Failure.usage("cannot read the guide \(guidePath)")
    }
    let loaded = GuideLoader(screenshotFolders: screenshotFolders).load(file: guidePath)
    let errors = loaded.diagnostics.filter { $0.severity == .error }
    guard let guide = loaded.guide, errors.isEmpty else {
      throw Failure.guideErrors(file: guidePath, diagnostics: errors)
    }
    guard !guide.credentials.isEmpty else {
      throw Failure.usage("the guide \(guidePath) specifies no credentials (a ```yaml credentials block)")
    }
    guard let folder = templateSet ?? templateFolder(for: guide) else {
      throw Failure.usage(
        "the guide \(guidePath) names no template set that exists (front matter 'templates:'); give one with --templates DIR"
      )
    }
    let layoutPath = (folder as NSString).appendingPathComponent("layout.yml")
    guard let data = FileManager.default.contents(atPath: layoutPath) else {
      throw Failure.usage("cannot read the layout descriptor \(layoutPath)")
    }
    switch ServiceLayout.parse(String(decoding: data, as: UTF8.self), file: layoutPath) {
    case .success(let layout):
      return GuideSetup(guide: guide, layout: layout, layoutPath: layoutPath)
    case .failure(let list):
      let first = list.diagnostics.first.map { ": \($0.location): \($0.message)" } ?? ""
      throw Failure.usage("the layout descriptor \(layoutPath) is not valid\(first)")
    }
  }

  /// A linter for the guide's credentials.
  public func linter(checkPermissions: Bool = true) -> CredentialLinter {
    CredentialLinter(
      specs: guide.credentials, layout: layout, options: CredentialLinter.Options(checkPermissions: checkPermissions))
  }

  /// The layout's accounts-yaml file, if it has one.
  public var accountsFile: ServiceLayout.FileLayout? { layout.file(kind: .accountsYAML) }

  /// The guide's template set folder, as `onboard packets` finds it.
  /// A name that leads out of `templates/` (also after symbolic links) is never used.
  static func templateFolder(for guide: Guide) -> String? {
    TemplateSetPath.folder(for: guide, holding: "layout.yml")
  }

  /// The guide to use when none is given: the only `.md` file in `guides/` of the current
  /// folder, or else of the checkout the executable was built in.
  public static func defaultGuide(executable: String = CommandLine.arguments.first ?? "") -> String? {
    var folders = ["guides"]
    var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 {
      folders.append(folder.appendingPathComponent("guides").path)
      folder = folder.deletingLastPathComponent()
    }
    for candidate in folders {
      let guides = ((try? FileManager.default.contentsOfDirectory(atPath: candidate)) ?? []).filter {
        $0.hasSuffix(".md")
      }
      if guides.count == 1 { return (candidate as NSString).appendingPathComponent(guides[0]) }
      if guides.count > 1 { return nil }
    }
    return nil
  }
}
