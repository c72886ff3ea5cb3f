import Foundation
import OnboardSupport

/// Where a guide's template set (front matter `templates:`) is: a folder under `templates/`,
/// looked for in the current folder, beside the guide's folder (`<guide>/../templates`) and
/// inside it. A name must stay under `templates/`, after `..` parts and symbolic links are
/// resolved; commands use only a folder that does.
public enum TemplateSetPath {
  /// What looking for a template set found.
  public enum Location: Equatable, Sendable {
    /// The folder.
    case found(String)
    /// The name leads out of `templates/`, for the reason given.
    case outside(reason: String)
    /// No candidate exists.
    case notFound
  }

  /// Why `name` is refused by its text alone (absolute, empty, or climbing out with `..`), or `nil`.
  public static func textProblem(of name: String) -> String? {
    if name.isEmpty { return "it is empty" }
    if name.hasPrefix("/") { return "it is an absolute path" }
    if ContainedPath.climbsOut(name) { return "its '..' parts lead out of templates/" }
    return nil
  }

  /// The `templates` folders searched, and the candidate folder for `name` in each, in order.
  public static func candidates(name: String, guideFolder: String) -> [(root: String, folder: String)] {
    let base = guideFolder.isEmpty ? "." : guideFolder
    let roots = [
      "templates", (base as NSString).appendingPathComponent("../templates"),
      (base as NSString).appendingPathComponent("templates"),
    ]
    return roots.map { ($0, ($0 as NSString).appendingPathComponent(name)) }
  }

  /// The first candidate folder that exists (and holds `file`, when given), provided it stays
  /// inside its `templates` folder once symbolic links are resolved.
  public static func locate(name: String, guideFolder: String, holding file: String? = nil) -> Location {
    if let problem = textProblem(of: name) { return .outside(reason: problem) }
    for (root, folder) in candidates(name: name, guideFolder: guideFolder) {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
        continue
      }
      if let file {
        let path = (folder as NSString).appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
          continue
        }
      }
      guard let realRoot = ContainedPath.real(root), let realFolder = ContainedPath.real(folder),
        ContainedPath.isInside(realFolder, root: realRoot)
      else {
        return .outside(reason: "\(folder) is a symbolic link (or lies in a linked folder) that leads out of \(root)")
      }
      return .found(folder)
    }
    return .notFound
  }

  /// The guide's first template set folder, or `nil` when none exists or it leads out of `templates/`.
  public static func folder(for guide: Guide, holding file: String? = nil) -> String? {
    guard let name = guide.metadata.templates.first else { return nil }
    let guideFolder = PathParts.folder(of: guide.file)
    if case .found(let folder) = locate(name: name, guideFolder: guideFolder, holding: file) { return folder }
    return nil
  }
}
