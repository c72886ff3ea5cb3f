import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whether a path stays inside a folder: lexically (`..` parts), and after symbolic links are
/// resolved (`realpath(3)`). Screenshots and template sets use it, so a guide cannot make
/// onboard read a file outside the folders it names.
public enum ContainedPath {
  /// Whether a relative path climbs above its starting folder by its `..` parts alone
  /// (`../x`, `a/../../x`); an absolute path is not relative and gives `false`.
  public static func climbsOut(_ relative: String) -> Bool {
    guard !relative.hasPrefix("/") else { return false }
    var depth = 0
    for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        depth -= 1
        if depth < 0 { return true }
      } else {
        depth += 1
      }
    }
    return false
  }

  /// An absolute path with `.` and `..` parts and repeated slashes removed, by text alone.
  public static func normalised(_ absolute: String) -> String {
    var parts: [Substring] = []
    for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        _ = parts.popLast()
      } else {
        parts.append(part)
      }
    }
    return "/" + parts.joined(separator: "/")
  }

  /// The canonical absolute path of an existing file or folder (symbolic links resolved), or
  /// `nil` when it does not exist or cannot be resolved.
  public static func real(_ path: String) -> String? {
    guard let resolved = realpath(path.isEmpty ? "." : path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Whether the canonical path `path` is `root` itself or inside it (both absolute).
  public static func isInside(_ path: String, root: String) -> Bool {
    if path == root || root == "/" { return true }
    return path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
  }
}
