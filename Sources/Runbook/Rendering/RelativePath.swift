import Foundation

/// Relative paths between files, for links in Markdown output.
enum RelativePath {
  /// The path of `target` as seen from `directory` (both relative to the current folder or
  /// absolute), such as `../shared/screenshots/App.png`.
  static func from(directory: String, to target: String) -> String {
    let base = components(of: directory)
    let destination = components(of: target)
    var common = 0
    while common < base.count && common < destination.count - 1 && base[common] == destination[common] { common += 1 }
    let ups = Array(repeating: "..", count: base.count - common)
    return (ups + destination[common...]).joined(separator: "/")
  }

  private static func components(of path: String) -> [String] {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var result: [String] = []
    for part in absolute.split(separator: "/") {
      switch part {
      case ".": continue
      case "..": if !result.isEmpty { result.removeLast() }
      default: result.append(String(part))
      }
    }
    return result
  }
}
