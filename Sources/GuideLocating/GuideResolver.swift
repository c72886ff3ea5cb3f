import CredentialSpecs
import Foundation
import GuideKit
import OnboardSupport

/// The one place that decides which guide, template set and layout a command uses.
///
/// A guide named on the command line is that file when it exists, else the installed guide
/// with that front matter `id:`. With no name, the default guide is the only `.md` file in the
/// `guides/` folder of the first data folder that has one (``DataRoots`` gives the order), or,
/// when that folder holds several, the one its ``defaultGuideFile`` names.
/// A template set is the folder given with `--templates`, else the guide's own (front matter
/// `templates:`, else ``fallbackTemplateSet``) found as `templates/<name>` in the current folder,
/// beside the guide's folder, inside it, then in each data folder. A name leading out of its `templates/` folder (also
/// after symbolic links) is never used.
public struct GuideResolver: Sendable {
  /// The data folders searched, in order.
  public var roots: DataRoots

  public init(roots: DataRoots = DataRoots.discover()) {
    self.roots = roots
  }

  /// The guide `name` (a file or an installed guide's id), or the default guide when `nil`.
  public func guide(_ name: String?) throws(ResolutionError) -> LocatedPath {
    if let name {
      if FileManager.default.fileExists(atPath: name) { return LocatedPath(path: name, origin: .commandLine) }
      if name.contains("/") { throw ResolutionError("no such guide: \(name)") }
      if let installed = installedGuide(id: name) { return installed.location }
      throw ResolutionError(
        "no guide file or installed guide with the id '\(name)'; 'onboard guides' lists the installed guides")
    }
    for root in roots.roots {
      let files = InstalledGuide.files(in: root.guidesFolder)
      if files.count == 1 { return LocatedPath(path: files[0], origin: root.origin) }
      if files.count > 1 {
        if let chosen = Self.defaultGuide(in: root.guidesFolder, among: files) {
          return LocatedPath(path: chosen, origin: root.origin)
        }
        throw ResolutionError(
          "\(root.guidesFolder) holds \(files.count) guides and no \(Self.defaultGuideFile) file naming one; name one (a file or an id from 'onboard guides')"
        )
      }
    }
    throw ResolutionError("no guide found in \(searchedPlaces()); name one (a file, or an installed guide's id)")
  }

  /// The file in a `guides/` folder that names its default guide when it holds several: one line,
  /// the guide's file name (`sp-api-self-authorisation.md`).
  public static let defaultGuideFile = "default-guide"

  /// The guide among `files` that `folder`'s ``defaultGuideFile`` names, if it names one of them.
  static func defaultGuide(in folder: String, among files: [String]) -> String? {
    let path = (folder as NSString).appendingPathComponent(defaultGuideFile)
    guard let bytes = try? InputFile.readIfPresent(path, limits: .dataFile) else { return nil }
    let name = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return files.first { ($0 as NSString).lastPathComponent == name && !name.isEmpty }
  }

  /// Every installed guide, in search order; a guide whose id an earlier folder already has is left out.
  /// Files that cannot be read as guides are returned as problems.
  public func installedGuides() -> (guides: [InstalledGuide], problems: [ResolutionError]) {
    var guides: [InstalledGuide] = []
    var problems: [ResolutionError] = []
    var ids = Set<String>()
    for root in roots.roots {
      for file in InstalledGuide.files(in: root.guidesFolder) {
        switch InstalledGuide.read(file, origin: root.origin) {
        case .success(let guide):
          if ids.insert(guide.id).inserted { guides.append(guide) }
        case .failure(let problem): problems.append(problem)
        }
      }
    }
    return (guides, problems)
  }

  /// The first installed guide whose front matter id is `id`.
  public func installedGuide(id: String) -> InstalledGuide? {
    for root in roots.roots {
      for file in InstalledGuide.files(in: root.guidesFolder) {
        if case .success(let guide) = InstalledGuide.read(file, origin: root.origin), guide.id == id { return guide }
      }
    }
    return nil
  }

  /// The template set used for a guide whose front matter names none: `templates/generic`, which
  /// writes checklists, prompts and one credential file derived from the guide's credentials block.
  public static let fallbackTemplateSet = "generic"

  /// The template set folder for a guide.
  /// - Parameters:
  ///   - explicit: a folder given with `--templates`: a template set (holding `file`), or a
  ///     folder of template sets that holds `<name>/<file>`.
  ///   - name: the guide's template set (front matter `templates:`), if it names one; `nil`
  ///     looks for ``fallbackTemplateSet``.
  ///   - guideFile: the guide's path.
  ///   - file: a file the folder must hold (`layout.yml`), or `nil`.
  public func templateSet(explicit: String?, name: String?, guideFile: String, holding file: String? = nil)
    throws(ResolutionError) -> LocatedPath
  {
    if let explicit {
      guard let file else { return LocatedPath(path: explicit, origin: .commandLine) }
      if FileManager.default.fileExists(atPath: (explicit as NSString).appendingPathComponent(file)) {
        return LocatedPath(path: explicit, origin: .commandLine)
      }
      if let name, TemplateSetPath.textProblem(of: name) == nil {
        let nested = (explicit as NSString).appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: (nested as NSString).appendingPathComponent(file)) {
          return LocatedPath(path: nested, origin: .commandLine)
        }
      }
      throw ResolutionError("the template set \(explicit) holds no \(file)")
    }
    let named = name
    let name = name ?? Self.fallbackTemplateSet
    let guideFolder = PathParts.folder(of: guideFile)
    var searched: [(root: String, origin: DataRoot.Origin)] = TemplateSetPath.candidates(
      name: name, guideFolder: guideFolder
    ).enumerated().map { ($0.element.root, $0.offset == 0 ? .currentCheckout : .besideGuide) }
    searched += roots.roots.map { ($0.templatesFolder, $0.origin) }
    for (root, origin) in searched {
      switch TemplateSetPath.locate(name: name, inRoots: [root], holding: file) {
      case .found(let folder): return LocatedPath(path: folder, origin: origin)
      case .outside(let reason):
        throw ResolutionError("the guide's template set '\(name)' is not used: \(reason)")
      case .notFound: continue
      }
    }
    guard named != nil else {
      throw ResolutionError(
        "the guide \(guideFile) names no template set (front matter 'templates:') and the generic set 'templates/\(name)' is in no templates/ folder (\(searchedPlaces())); give one with --templates DIR"
      )
    }
    throw ResolutionError(
      "the guide \(guideFile) names the template set '\(name)', which is in no templates/ folder (\(searchedPlaces())); give one with --templates DIR"
    )
  }

  /// The `layout.yml` of a template set folder.
  public func layout(templateSet folder: String) throws(ResolutionError) -> (layout: ServiceLayout, path: String) {
    let path = (folder as NSString).appendingPathComponent("layout.yml")
    let data: [UInt8]
    do {
      data = try InputFile.read(path, limits: .dataFile)
    } catch {
      let reason = (error as? InputFile.ReadError)?.reason ?? "\(error)"
      throw ResolutionError(
        "cannot read the layout descriptor \(path) (\(reason)); give a template set with --templates DIR")
    }
    switch ServiceLayout.parse(String(decoding: data, as: UTF8.self), file: path) {
    case .success(let layout): return (layout, path)
    case .failure(let list):
      let first = list.diagnostics.prefix(3).map { "\n  \($0.location): \($0.severity): \($0.message) [\($0.ruleID)]" }
      throw ResolutionError("the layout descriptor \(path) is not valid\(first.joined())")
    }
  }

  /// The data folders, for messages: `the current folder, …` or `no data folder`.
  func searchedPlaces() -> String {
    let places = roots.roots.map(\.guidesFolder)
    return places.isEmpty ? "the current folder or any data folder" : places.joined(separator: ", ")
  }
}
