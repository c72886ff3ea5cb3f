import Foundation
import Testing

/// A roster row that lacks a value the guide's text uses: `packets` and `runbook` warn, naming the
/// row, and write the marker in its place; `--strict` makes the warning an error.
@Suite struct MissingValueCommandTests {
  func roster() throws -> (folder: String, roster: String) {
    let folder = try OnboardProcess.temporaryFolder()
    let roster = folder + "/sellers.yml"
    try Data("- id: no-owner\n  marketplace: UK\n".utf8).write(to: URL(fileURLWithPath: roster))
    return (folder, roster)
  }

  @Test func packetsWarnsAndWritesTheMarker() throws {
    let (folder, roster) = try roster()
    let guide = OnboardProcess.repositoryRoot + "/guides/sp-api-self-authorisation.md"
    let run = try OnboardProcess.run(["packets", guide, "--roster", roster, "--out", folder + "/out"])
    #expect(run.status == 0)
    #expect(run.stderr.contains("sellers.yml:1:1: warning: Row 1 ('no-owner'):"))
    #expect(
      run.stderr.contains("'owner_name', which the row does not give") && run.stderr.contains("[packets/missing-value]")
    )
    let checklist = try String(contentsOfFile: folder + "/out/no-owner/checklist.md", encoding: .utf8)
    #expect(checklist.contains("so \\(owner name not given\\) does this"))
    #expect(!checklist.contains("so  does this"))

    let strict = try OnboardProcess.run(["packets", guide, "--roster", roster, "--out", folder + "/strict", "--strict"])
    #expect(strict.status == 1)
    #expect(!FileManager.default.fileExists(atPath: folder + "/strict/no-owner"))

    let runbook = try OnboardProcess.run(
      ["runbook", guide, "--roster", roster, "--seller", "no-owner", "--format", "md", "-o", folder + "/r.md"])
    #expect(runbook.status == 0 && runbook.stderr.contains("[packets/missing-value]"))
    #expect(try String(contentsOfFile: folder + "/r.md", encoding: .utf8).contains("\\(owner name not given\\)"))
    let strictRunbook = try OnboardProcess.run(
      [
        "runbook", guide, "--roster", roster, "--seller", "no-owner", "--format", "md", "-o", folder + "/s.md",
        "--strict",
      ])
    #expect(strictRunbook.status == 1 && !FileManager.default.fileExists(atPath: folder + "/s.md"))
  }
}
