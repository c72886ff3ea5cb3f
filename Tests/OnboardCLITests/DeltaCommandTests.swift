import Foundation
import Testing

@testable import Ledger

/// `packets --since OLD.md` and `--since-ledger` through the binary: the usage errors (exit 2,
/// nothing written) and a seller whose old guide text the ledger does not hold.
@Suite struct DeltaCommandTests {
  static let guide = "guides/sp-api-self-authorisation.md"
  static let roster = "examples/sellers.yml"

  /// A copy of the bundled guide as version 2, with one check changed, beside its data table.
  static func version2(in folder: String) throws -> String {
    let root = OnboardProcess.repositoryRoot
    let text = try String(contentsOfFile: root + "/" + guide, encoding: .utf8)
      .replacingOccurrences(of: "version: 1\n", with: "version: 2\n")
      .replacingOccurrences(of: "shows a version of 1.0 or later.", with: "shows a version of 1.1 or later.")
    let path = folder + "/guide-v2.md"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(atPath: root + "/guides/marketplaces.yml", toPath: folder + "/marketplaces.yml")
    return path
  }

  @Test(arguments: [
    (["--since", guide, "--since-ledger"], "cannot be used together"),
    (["--since-ledger", "--no-ledger"], "--no-ledger turns it off"),
    (["--since", "examples/nonexistent.md"], "cannot read the old guide"),
  ])
  func usageErrors(_ extra: [String], _ message: String) throws {
    let folder = try OnboardProcess.temporaryFolder()
    let result = try OnboardProcess.run(
      ["packets", Self.guide, "--roster", Self.roster, "--out", folder + "/out", "--ledger", folder + "/l.sqlite"]
        + extra)
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
  }

  @Test func anOldGuideOfAnotherIDIsRefused() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let result = try OnboardProcess.run(
      [
        "packets", Self.guide, "--roster", Self.roster, "--out", folder + "/out", "--no-ledger", "--since",
        "guides/fernhill-pay-webhooks.md",
      ])
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("--since needs an older version of the same guide"), "\(result.stderr)")
  }

  @Test func aSellerWhoseGuideTextIsUnknownStopsTheRun() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let ledgerPath = folder + "/state/ledger.sqlite"
    let sent = try OnboardProcess.run(
      [
        "packets", Self.guide, "--roster", Self.roster, "--out", folder + "/v1", "--quiet", "--ledger", ledgerPath,
        "--seller", "rhein-werkstatt",
      ])
    #expect(sent.status == 0, "\(sent.stderr)")
    // As a ledger migrated from schema 2 is: the packet is recorded, its guide's text is not.
    try Ledger(path: ledgerPath).database.execute("DELETE FROM guide_texts")
    let result = try OnboardProcess.run(
      [
        "packets", try Self.version2(in: folder), "--roster", Self.roster, "--out", folder + "/delta",
        "--since-ledger", "--ledger", ledgerPath,
      ])
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("seller 'rhein-werkstatt'"), "\(result.stderr)")
    #expect(result.stderr.contains("use --since OLD.md"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/delta"))
  }

  @Test func sinceWritesOnlyTheChangedStep() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let result = try OnboardProcess.run(
      [
        "packets", try Self.version2(in: folder), "--roster", Self.roster, "--out", folder + "/delta", "--since",
        Self.guide, "--no-ledger", "--seller", "thames_tea",
      ])
    #expect(result.status == 0, "\(result.stderr)")
    let manifest = try String(contentsOfFile: folder + "/delta/thames_tea/packet.json", encoding: .utf8)
    #expect(manifest.contains("\"steps\": [\"install\"]"), "\(manifest)")
    #expect(manifest.contains("\"delta\": {\"from_version\": \"1\", \"to_version\": \"2\"}"))
    // The install step needs no credential file, so the delta has none.
    #expect(!manifest.contains(".env") && !manifest.contains("credentials."))
  }
}
