import Foundation
import Testing

/// `onboard diff OLD NEW`: exit 0 when nothing changed, 1 when something did, 2 on errors.
@Suite struct DiffCommandTests {
  static let guide = OnboardProcess.repositoryRoot + "/guides/sp-api-self-authorisation.md"

  /// A copy of the bundled guide (with its data table) in a fresh folder, edited by `edit`.
  func copy(named name: String, in folder: String, _ edit: (String) -> String = { $0 }) throws -> String {
    let text = try String(contentsOfFile: Self.guide, encoding: .utf8)
    let path = folder + "/" + name
    try edit(text).write(toFile: path, atomically: true, encoding: .utf8)
    let data = folder + "/marketplaces.yml"
    if !FileManager.default.fileExists(atPath: data) {
      try FileManager.default.copyItem(atPath: OnboardProcess.repositoryRoot + "/guides/marketplaces.yml", toPath: data)
    }
    return path
  }

  @Test func sameGuideExitsZeroWithNoOutput() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let old = try copy(named: "old.md", in: folder)
    let new = try copy(named: "new.md", in: folder) {
      $0.replacingOccurrences(of: "version: 1\n", with: "version: 2\n")
    }
    let run = try OnboardProcess.run(["diff", old, new])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }

  @Test func aChangedCheckExitsOneAndNamesTheStepAndLines() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let old = try copy(named: "old.md", in: folder)
    let new = try copy(named: "new.md", in: folder) {
      $0.replacingOccurrences(
        of: "**Check:** The **Client identifier** starts with",
        with: "**Check:** The **Client ID** starts with")
    }
    let run = try OnboardProcess.run(["diff", old, new])
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stdout == "changed lwa-credentials \(old):93 \(new):93: checks\n")
    let json = try OnboardProcess.run(["diff", old, new, "--format", "json"])
    #expect(json.status == 1)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let changes = object?["changes"] as? [[String: Any]]
    #expect(changes?.count == 1)
    #expect(changes?.first?["step"] as? String == "lwa-credentials")
    #expect(changes?.first?["aspects"] as? [String] == ["checks"])
    #expect(changes?.first?["old_line"] as? Int == 93)
  }

  @Test func aMissingOrBrokenGuideExitsTwo() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let old = try copy(named: "old.md", in: folder)
    let missing = try OnboardProcess.run(["diff", old, folder + "/nope.md"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("cannot read"))
    let broken = try copy(named: "broken.md", in: folder) {
      $0.replacingOccurrences(of: "<a id=\"install\"></a>", with: "<a id=\"authorise\"></a>")
    }
    let run = try OnboardProcess.run(["diff", old, broken])
    #expect(run.status == 2)
    #expect(run.stderr.contains("has errors"))
  }
}
