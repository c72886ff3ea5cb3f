import Foundation
import GuideKit
import OnboardDiagnostics

@testable import Packets

/// Paths and fixtures shared by the Packets tests.
enum TestSupport {
  /// The repository root (three levels above this file).
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static var guidePath: String { root + "/guides/sp-api-self-authorisation.md" }
  static var templatesPath: String { root + "/templates/sp-api" }
  static var sharedScreenshots: String { root + "/../shared/screenshots" }

  /// The bundled guide, loaded with the real builder.
  static func bundledGuide() throws -> Guide {
    let result = GuideLoader(screenshotFolders: [sharedScreenshots]).load(file: guidePath)
    guard let guide = result.guide else {
      throw Failure("the bundled guide did not load: \(result.diagnostics.map(\.message))")
    }
    return guide
  }

  static func templates() throws -> TemplateSet { try TemplateSet.load(directory: templatesPath) }

  /// A fresh temporary folder.
  static func temporaryFolder(_ name: String = "packets") throws -> String {
    let path = NSTemporaryDirectory() + "onboard-tests-\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Writes text to a new file in a temporary folder and returns its path.
  static func file(_ text: String, named name: String) throws -> String {
    let folder = try temporaryFolder("file")
    let path = folder + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func text(_ path: String) -> String {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
  }

  static func mode(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
  }

  /// Every regular file under a folder (recursively), relative paths sorted.
  static func files(under folder: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
    var result: [String] = []
    while let path = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue
      {
        result.append(path)
      }
    }
    return result.sorted()
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }
}

/// A small synthetic guide for planning tests: stage A (a1, a2 when x == "yes"), stage B (b1
/// requires a2 and has a block only for region eu, b2 when credential_source == "env").
enum SyntheticGuide {
  static func location(_ line: Int) -> DiagnosticLocation {
    DiagnosticLocation(file: "synthetic.md", line: line, column: 1)
  }

  static func make(b1Text: String = "Do b1 for {{name}}.") throws -> Guide {
    let metadata = GuideMetadata(id: "synthetic", title: "Synthetic", version: "2", location: location(1))
    let a1 = Step(
      id: "a1", hasExplicitID: true, stageID: "A", number: 1, title: "First", titleMarkdown: "First",
      location: location(10))
    let a2 = Step(
      id: "a2", hasExplicitID: true, stageID: "A", number: 2, title: "Second", titleMarkdown: "Second",
      location: location(12), condition: try ConditionParser.parse("x == \"yes\""))
    let b1 = Step(
      id: "b1", hasExplicitID: true, stageID: "B", number: 1, title: "Third", titleMarkdown: b1Text,
      location: location(20),
      body: [
        Block(markdown: "Everyone reads this.", location: location(21)),
        Block(
          markdown: "Only EU reads this.", condition: try ConditionParser.parse("region == \"eu\""),
          location: location(23)),
      ],
      requires: [Reference(target: "a2", location: location(22))])
    let b2 = Step(
      id: "b2", hasExplicitID: true, stageID: "B", number: 2, title: "Fourth", titleMarkdown: "Fourth",
      location: location(30), condition: try ConditionParser.parse("credential_source == \"env\""))
    let stageA = Stage(
      id: "A", hasExplicitID: true, title: "Stage A", number: 1, location: location(9), steps: [a1, a2])
    let stageB = Stage(
      id: "B", hasExplicitID: true, title: "Stage B", number: 2, location: location(19), steps: [b1, b2])
    return Guide(file: "synthetic.md", metadata: metadata, title: "Synthetic", stages: [stageA, stageB])
  }
}
