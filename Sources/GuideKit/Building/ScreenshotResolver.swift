import Foundation
import OnboardDiagnostics
import OnboardSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds screenshot files beside the guide and in `--screenshots` folders.
///
/// A screenshot must stay inside the guide's folder or one of the `--screenshots` folders once
/// symbolic links are resolved: a path that climbs out with `..`, an absolute path elsewhere,
/// or a link that points out is refused (``ScreenshotProblem/outside(reason:)``) and never
/// read. Only regular files are found.
struct ScreenshotResolver {
  var guideFolder: String
  var folders: [String]

  /// What looking for one path found.
  enum Lookup: Equatable {
    case found(String)
    case missing
    case refused(ScreenshotProblem)
  }

  /// One ``Screenshot`` per path, in first-use order, with the steps it illustrates.
  /// Linear in the number of uses: screenshots are updated in place, steps deduplicated by set.
  func resolve(_ uses: [ScreenshotUse]) -> [Screenshot] {
    var screenshots: [Screenshot] = []
    var indexByPath: [String: Int] = [:]
    var stepsByPath: [Int: Set<String>] = [:]
    let roots = allowedRoots()
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
      var resolved: String?
      var problem: ScreenshotProblem?
      if Self.isEmbeddedOrRemote(use.path) {
        resolved = use.path
      } else {
        switch find(use.path, roots: roots) {
        case .found(let path): resolved = path
        case .missing: break
        case .refused(let reason): problem = reason
        }
      }
      screenshots.append(
        Screenshot(
          path: use.path, caption: use.caption, resolvedPath: resolved, location: use.location,
          illustrates: use.stepID.map { [$0] } ?? [], problem: problem))
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

  /// The canonical paths of the guide's folder and of each `--screenshots` folder that exists.
  func allowedRoots() -> [String] {
    ([guideFolder.isEmpty ? "." : guideFolder] + folders).compactMap(ContainedPath.real)
  }

  /// The candidates, in search order: beside the guide, then each folder by relative path and
  /// by file name.
  func candidates(_ path: String) -> [String] {
    guard !Self.isEmbeddedOrRemote(path) else { return [] }
    let name = PathParts.lastPart(of: path)
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

  /// Looks for `path`; refuses it when it leads outside `roots` (canonical folders).
  func find(_ path: String, roots: [String]) -> Lookup {
    let outside = ScreenshotProblem.outside(
      reason: path.hasPrefix("/")
        ? "it is an absolute path outside the guide's folder and the --screenshots folders"
        : "its '..' parts lead out of the guide's folder")
    if ContainedPath.climbsOut(path) { return .refused(outside) }
    if path.hasPrefix("/") {
      let real = ContainedPath.real(path) ?? ContainedPath.normalised(path)
      guard roots.contains(where: { ContainedPath.isInside(real, root: $0) }) else { return .refused(outside) }
    }
    for candidate in candidates(path) {
      var link = stat()
      guard lstat(candidate, &link) == 0 else { continue }
      // A dangling link is a file that is not there.
      guard let real = ContainedPath.real(candidate) else { continue }
      guard roots.contains(where: { ContainedPath.isInside(real, root: $0) }) else {
        return .refused(
          .outside(reason: "it is a symbolic link (or lies in a linked folder) that leads to a file outside them"))
      }
      var info = stat()
      guard stat(real, &info) == 0 else { continue }
      let type = info.st_mode & S_IFMT
      if type == S_IFDIR { continue }
      guard type == S_IFREG else { return .refused(.notRegularFile(path: candidate)) }
      return .found(candidate)
    }
    return .missing
  }
}
