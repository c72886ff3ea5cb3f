import Foundation
import Testing

/// `onboard lint` as a team adopting it runs it: configuration, baseline, files to skip.
@Suite struct LintAdoptionCommandTests {
  static let canary = "amzn1.oa2-cs.v1." + String(repeating: "c4", count: 32)
  static let guide = OnboardProcess.repositoryRoot + "/guides/sp-api-self-authorisation.md"

  func write(_ text: String, _ path: String) throws {
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
  }

  @Test func theConfigurationAtTheTopOfTheRepositoryApplies() throws {
    let folder = try OnboardProcess.temporaryFolder()
    try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
    try write("LWA_CLIENT_SECRET=\(Self.canary)|x\n", folder + "/app/shop.env")
    let before = try OnboardProcess.run(["lint", "--guide", Self.guide, "shop.env"], in: folder + "/app")
    #expect(before.stdout.contains("[env/shell-unsafe]"), "\(before.stdout)")
    try write("rules:\n  env/shell-unsafe: off\n", folder + "/.onboard-lint.yml")
    let after = try OnboardProcess.run(["lint", "--guide", Self.guide, "shop.env"], in: folder + "/app")
    #expect(!after.stdout.contains("[env/shell-unsafe]"), "\(after.stdout)")
    #expect(!after.stdout.contains(Self.canary) && !after.stderr.contains(Self.canary))
    // An error in it stops the run with exit code 2, at its position.
    try write("rules:\n  env/shell-unsafe: of\n", folder + "/.onboard-lint.yml")
    let broken = try OnboardProcess.run(["lint", "--guide", Self.guide, "shop.env"], in: folder + "/app")
    #expect(broken.status == 2)
    #expect(broken.stderr.contains(".onboard-lint.yml:2:21: error: ") && broken.stderr.contains("[config/unknown-key]"))
    // --config names another.
    try write("rules: {env/shell-unsafe: error}\n", folder + "/other.yml")
    let explicit = try OnboardProcess.run(
      ["lint", "--guide", Self.guide, "--config", "../other.yml", "shop.env"], in: folder + "/app")
    #expect(explicit.stdout.contains("error: ") && explicit.stdout.contains("[env/shell-unsafe]"), "\(explicit.stdout)")
  }

  @Test func aBaselineReportsOnlyNewFindingsAndNeverHoldsASecret() throws {
    let folder = try OnboardProcess.temporaryFolder()
    try write("LWA_CLIENT_SECRET=\(Self.canary)|x\n", folder + "/shop.env")
    let written = try OnboardProcess.run(
      ["lint", "--guide", Self.guide, "--write-baseline", "baseline.json", "shop.env"], in: folder)
    #expect(written.status == 0, "\(written.stderr)")
    let baseline = try String(contentsOfFile: folder + "/baseline.json", encoding: .utf8)
    #expect(!baseline.contains(Self.canary) && !baseline.contains("c4c4") && !baseline.contains("LWA_CLIENT_SECRET"))
    #expect(baseline.contains("\"shop.env\""))
    let again = try OnboardProcess.run(
      ["lint", "--guide", Self.guide, "--baseline", "baseline.json", "shop.env"], in: folder)
    #expect(again.status == 0 && again.stdout.isEmpty, "\(again.stdout)")
    try write(
      "# added\nSP_API_ACCESS_KEY=AKIAABCDEFGHIJKLMNOP\nLWA_CLIENT_SECRET=\(Self.canary)|x\n", folder + "/shop.env")
    let later = try OnboardProcess.run(
      ["lint", "--guide", Self.guide, "--baseline", "baseline.json", "shop.env"], in: folder)
    #expect(later.stdout.contains("[schema/deprecated-key]"), "\(later.stdout)")
    #expect(!later.stdout.contains("[env/shell-unsafe]"))
    #expect(!later.stdout.contains(Self.canary) && !later.stderr.contains(Self.canary))
  }

  @Test func checklistsPromptsAndManifestsAreSkippedAndVerboseSaysSo() throws {
    let folder = try OnboardProcess.temporaryFolder()
    try write("# Checklist\n\n- [ ] step: one\n", folder + "/checklist.md")
    try write("# Prompts\n", folder + "/prompts.md")
    try write("{\"id\": \"x\", \"files\": []}\n", folder + "/packet.json")
    let quiet = try OnboardProcess.run(
      ["lint", "--guide", Self.guide, "checklist.md", "prompts.md", "packet.json"], in: folder)
    #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet.stdout)\(quiet.stderr)")
    let verbose = try OnboardProcess.run(
      ["lint", "--guide", Self.guide, "--verbose", "checklist.md", "prompts.md", "packet.json"], in: folder)
    #expect(verbose.stderr.components(separatedBy: "not a credential file").count == 4, "\(verbose.stderr)")
    #expect(verbose.stderr.contains("skipped checklist.md"))
  }

  @Test func aPacketFolderIsLintedFileByFileWithCredentialsPyRead() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let token = "Atzr|IwEBIA" + String(repeating: "x", count: 300)
    let appID = "amzn1.application-oa2-client." + String(repeating: "0a", count: 16)
    try write("# Checklist\n\n1. Sign in: yes\n", folder + "/p/checklist.md")
    try write("Prompts: none\n", folder + "/p/prompts.md")
    try write("{\"id\": \"p\", \"files\": {\"a\": 1}, \"guide\": \"g\"}\n", folder + "/p/packet.json")
    try write(
      "credentials = dict(\n    refresh_token='\(token)',\n    lwa_app_id='\(appID)',\n    lwa_client_secret='\(Self.canary)|',\n)\n",
      folder + "/p/credentials.py")
    let result = try OnboardProcess.run(
      ["lint", "--guide", Self.guide, "p/checklist.md", "p/credentials.py", "p/packet.json", "p/prompts.md"], in: folder
    )
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
    #expect(lines.count == 1 && lines.allSatisfy { $0.hasPrefix("p/credentials.py:4:23: error: ") }, "\(result.stdout)")
    #expect(!result.stdout.contains("yaml/") && !result.stdout.contains("packet.json"))
    #expect(!result.stdout.contains(Self.canary) && !result.stderr.contains(Self.canary))
  }
}
