import Foundation
import OnboardDiagnostics

/// Finds screenshot files beside the guide and in `--screenshots` folders.
struct ScreenshotResolver {
  var guideFolder: String
  var folders: [String]

  /// One ``Screenshot`` per path, in first-use order, with the steps it illustrates.
  func resolve(_ uses: [ScreenshotUse]) -> [Screenshot] {
    var order: [String] = []
    var byPath: [String: Screenshot] = [:]
    for use in uses {
      if Self.isEmbeddedOrRemote(use.path) {
        // Embedded or remote images are not files to find.
        if byPath[use.path] == nil {
          order.append(use.path)
          byPath[use.path] = Screenshot(
            path: use.path, caption: use.caption, resolvedPath: use.path, location: use.location,
            illustrates: use.stepID.map { [$0] } ?? [])
        } else if let step = use.stepID {
          byPath[use.path]?.illustrates.append(step)
        }
        continue
      }
      if var existing = byPath[use.path] {
        if let step = use.stepID, !existing.illustrates.contains(step) { existing.illustrates.append(step) }
        if existing.caption.isEmpty { existing.caption = use.caption }
        byPath[use.path] = existing
      } else {
        order.append(use.path)
        byPath[use.path] = Screenshot(
          path: use.path, caption: use.caption, resolvedPath: find(use.path), location: use.location,
          illustrates: use.stepID.map { [$0] } ?? [])
      }
    }
    return order.compactMap { byPath[$0] }
  }

  /// `data:` URIs and `scheme://` URLs are not files to look for.
  static func isEmbeddedOrRemote(_ path: String) -> Bool {
    if path.hasPrefix("data:") { return true }
    let bytes = path.utf8
    guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return false }
    return bytes[colon...].starts(with: "://".utf8)
  }

  /// The candidates, in search order: beside the guide, then each folder by relative path and
  /// by file name.
  func candidates(_ path: String) -> [String] {
    guard !Self.isEmbeddedOrRemote(path) else { return [] }
    let name = (path as NSString).lastPathComponent
    var result: [String] = []
    if path.hasPrefix("/") {
      result.append(path)
    } else {
      result.append(guideFolder.isEmpty ? path : guideFolder + "/" + path)
    }
    for folder in folders {
      result.append(folder + "/" + path)
      result.append(folder + "/" + name)
    }
    return result
  }

  func find(_ path: String) -> String? {
    var isDirectory: ObjCBool = false
    for candidate in candidates(path)
    where FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) && !isDirectory.boolValue {
      return candidate
    }
    return nil
  }
}
