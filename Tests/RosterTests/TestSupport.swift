import Foundation

/// Files for the roster tests.
enum TestSupport {
  /// The repository root (three levels above this file).
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// Writes text to a new file in a fresh temporary folder and returns its path.
  static func file(_ text: String, named name: String) throws -> String {
    let folder = NSTemporaryDirectory() + "onboard-tests-roster-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }
}
