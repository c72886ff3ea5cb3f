import Foundation
import GuideKit
import OnboardDiagnostics

/// The repository root, found from this file's path.
let repositoryRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()

/// The bundled guide.
let bundledGuidePath = repositoryRoot + "/guides/sp-api-self-authorisation.md"

/// ../shared/screenshots when it exists (tests must pass without it).
let sharedScreenshots: String? = {
  let path = URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent().appendingPathComponent(
    "shared/screenshots"
  ).path
  return FileManager.default.fileExists(atPath: path) ? path : nil
}()

/// Writes `text` to a fresh temporary folder as `name` and returns its path.
func temporaryGuide(_ text: String, name: String = "guide.md", extraFiles: [String: String] = [:]) throws -> String {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("onboard-guidekit-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  for (file, content) in extraFiles {
    let url = folder.appendingPathComponent(file)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(content.utf8).write(to: url)
  }
  let path = folder.appendingPathComponent(name).path
  try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  return path
}

/// Loads a guide from text in a temporary folder.
func load(_ text: String, extraFiles: [String: String] = [:]) throws -> GuideLoadResult {
  GuideLoader().load(file: try temporaryGuide(text, extraFiles: extraFiles))
}

extension GuideLoadResult {
  /// The diagnostics of one rule.
  func findings(_ rule: String) -> [Diagnostic] { diagnostics.filter { $0.ruleID == rule } }
}
