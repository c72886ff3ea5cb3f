/// Splits a file path into its folder and its last part, on the bytes of the path.
///
/// Foundation's `NSString.deletingLastPathComponent` traps (SIGILL) on a path whose last part
/// is one character (`o`, `x/o`), so every path a person gives (`--out`, `-o`, `--write`,
/// `--into`, a guide or roster path) is split here instead. The results match what
/// `NSString` returns where it does not trap: trailing slashes are ignored, repeated slashes
/// between the folder and the last part are dropped, and the root stays `/`.
public enum PathParts {
  private static let slash = UInt8(ascii: "/")

  /// The folder part of `path`: `""` when the path has no folder (`o`, `o/`), `/` for a part
  /// of the root (`/o`), otherwise everything before the last part without its slashes
  /// (`x//o/` gives `x`).
  public static func folder(of path: String) -> String {
    let bytes = Array(path.utf8)
    let end = trimmedEnd(bytes)
    guard end > 0 else { return bytes.isEmpty ? "" : "/" }
    guard let lastSlash = bytes[..<end].lastIndex(of: slash) else { return "" }
    var folderEnd = lastSlash
    while folderEnd > 0 && bytes[folderEnd - 1] == slash { folderEnd -= 1 }
    guard folderEnd > 0 else { return "/" }
    return String(decoding: bytes[..<folderEnd], as: UTF8.self)
  }

  /// The folder part of `path`, or `.` when it has none: a folder that can be opened.
  public static func folderOrCurrent(of path: String) -> String {
    let folder = folder(of: path)
    return folder.isEmpty ? "." : folder
  }

  /// The last part of `path` without trailing slashes: `o` for `x/o/`, `/` for `/`, `""` for `""`.
  public static func lastPart(of path: String) -> String {
    let bytes = Array(path.utf8)
    let end = trimmedEnd(bytes)
    guard end > 0 else { return bytes.isEmpty ? "" : "/" }
    let start = bytes[..<end].lastIndex(of: slash).map { $0 + 1 } ?? 0
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// `name` inside `folder`: `folder/name`, with one slash between them; `name` alone when the
  /// folder is empty.
  public static func joined(_ folder: String, _ name: String) -> String {
    guard !folder.isEmpty else { return name }
    guard !name.isEmpty else { return folder }
    return folder.utf8.last == slash ? folder + name : folder + "/" + name
  }

  /// The index after the last byte that is not a trailing slash (0 for `""` and for `///`).
  private static func trimmedEnd(_ bytes: [UInt8]) -> Int {
    var end = bytes.count
    while end > 0 && bytes[end - 1] == slash { end -= 1 }
    return end
  }
}
