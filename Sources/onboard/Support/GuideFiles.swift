import Foundation
import OnboardSupport

/// Expands guide paths: files as given, folders to the `.md` files below them (sorted). A path
/// that is neither a folder nor a regular file (a FIFO, a device) is a usage error.
enum GuideFiles {
  static func expand(_ paths: [String]) throws -> [String] {
    var files: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw UsageError(message: "onboard: no such file or folder: \(path)")
      }
      if isDirectory.boolValue {
        let found = (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
          .filter { $0.hasSuffix(".md") }
          .sorted()
          .map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }
        files += found
      } else {
        var status = stat()
        if stat(path, &status) == 0, let kind = InputFile.nonRegularKind(status.st_mode) {
          throw UsageError(message: "onboard: cannot read \(path): it is \(kind), not a regular file")
        }
        files.append(path)
      }
    }
    return files
  }
}
