import Foundation

/// Paths as reports show them: relative to a root folder, by text alone (no link is followed).
public enum FileSystemPath {
  /// The current folder, or "." when it cannot be read.
  public static func currentDirectory() -> String {
    FileManager.default.currentDirectoryPath
  }

  /// `path` relative to `root` when `path` lies inside `root` (both made absolute against the
  /// current folder and normalised: `.` and `..` resolved, repeated `/` folded); otherwise the
  /// absolute path. A relative `path` inside the root keeps its relative form.
  public static func relative(_ path: String, to root: String) -> String {
    let current = currentDirectory()
    let absoluteRoot = normalised(root.hasPrefix("/") ? root : current + "/" + root)
    let absolutePath = normalised(path.hasPrefix("/") ? path : current + "/" + path)
    if absolutePath == absoluteRoot { return "." }
    let prefix = absoluteRoot == "/" ? "/" : absoluteRoot + "/"
    guard absolutePath.hasPrefix(prefix) else { return absolutePath }
    return String(absolutePath.dropFirst(prefix.count))
  }

  /// An absolute path with `.`, `..` and empty components removed.
  static func normalised(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        if !parts.isEmpty { parts.removeLast() }
        continue
      }
      parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
  }
}
