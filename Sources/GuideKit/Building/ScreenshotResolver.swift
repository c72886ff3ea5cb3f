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
      if use.path.hasPrefix("data:") || use.path.contains("://") {
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

  /// The candidates, in search order: beside the guide, then each folder by relative path and
  /// by file name.
  func candidates(_ path: String) -> [String] {
    guard !path.contains("://"), !path.hasPrefix("data:") else { return [] }
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
