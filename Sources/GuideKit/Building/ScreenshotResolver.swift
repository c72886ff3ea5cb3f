import Foundation
import OnboardDiagnostics

/// Finds screenshot files beside the guide and in `--screenshots` folders.
struct ScreenshotResolver {
  var guideFolder: String
  var folders: [String]

  /// One ``Screenshot`` per path, in first-use order, with the steps it illustrates.
  /// Linear in the number of uses: screenshots are updated in place, steps deduplicated by set.
  func resolve(_ uses: [ScreenshotUse]) -> [Screenshot] {
    var screenshots: [Screenshot] = []
    var indexByPath: [String: Int] = [:]
    var stepsByPath: [Int: Set<String>] = [:]
    for use in uses {
      if let index = indexByPath[use.path] {
        if let step = use.stepID, stepsByPath[index, default: []].insert(step).inserted {
          screenshots[index].illustrates.append(step)
        }
        if screenshots[index].caption.isEmpty { screenshots[index].caption = use.caption }
        continue
      }
      let index = screenshots.count
      indexByPath[use.path] = index
      let resolved = Self.isEmbeddedOrRemote(use.path) ? use.path : find(use.path)
      screenshots.append(
        Screenshot(
          path: use.path, caption: use.caption, resolvedPath: resolved, location: use.location,
          illustrates: use.stepID.map { [$0] } ?? []))
      if let step = use.stepID { stepsByPath[index] = [step] }
    }
    return screenshots
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
