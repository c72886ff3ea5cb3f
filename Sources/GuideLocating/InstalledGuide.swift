import Foundation
import GuideKit

/// A guide found in a data folder's `guides/`, named by its front matter.
public struct InstalledGuide: Hashable, Sendable {
  /// The front matter `id:`.
  public var id: String
  /// The front matter `version:`.
  public var version: String
  /// The front matter `title:`.
  public var title: String
  /// The file, and where it was found.
  public var location: LocatedPath

  public init(id: String, version: String, title: String, location: LocatedPath) {
    self.id = id
    self.version = version
    self.title = title
    self.location = location
  }

  /// The `.md` files in `folder`, sorted by name.
  static func files(in folder: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".md") }.sorted().map { (folder as NSString).appendingPathComponent($0) }
  }

  /// Reads the front matter of `file`; `nil` with the reason when it is not a guide.
  static func read(_ file: String, origin: DataRoot.Origin) -> Result<InstalledGuide, ResolutionError> {
    switch GuideLoader().loadCredentials(file: file) {
    case .success(let loaded):
      let metadata = loaded.metadata
      guard !metadata.id.isEmpty else {
        return .failure(ResolutionError("the guide \(file) has no id in its front matter"))
      }
      return .success(
        InstalledGuide(
          id: metadata.id, version: metadata.version, title: metadata.title,
          location: LocatedPath(path: file, origin: origin)))
    case .failure(let list):
      let reason = list.diagnostics.first.map { ": \($0.message)" } ?? ""
      return .failure(ResolutionError("cannot read the guide \(file)\(reason)"))
    }
  }
}
