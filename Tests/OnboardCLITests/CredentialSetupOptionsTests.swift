import Foundation
import Testing

/// Issue 19 (polish): `lint` and `verify` declared the same --guide, --templates and --as options
/// twice; they share one option group now, so their help says the same about them.
@Suite struct CredentialSetupOptionsTests {
  /// The help lines of --guide, --templates and --as, from their first line to the next option.
  static func setupOptionsHelp(_ command: String) throws -> String {
    let help = try OnboardProcess.run([command, "--help"], environment: ["COLUMNS": "100"]).stdout
    let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(where: { $0.hasPrefix("  --guide <guide>") }),
      let end = lines[start...].firstIndex(where: { $0.hasPrefix("  --as <format>") })
    else { return "" }
    return lines[start...end].joined(separator: "\n")
  }

  @Test func lintAndVerifyDescribeTheGuideTemplatesAndLayoutAlike() throws {
    let lint = try Self.setupOptionsHelp("lint")
    let verify = try Self.setupOptionsHelp("verify")
    #expect(lint.contains("--templates <dir>"), "\(lint)")
    #expect(lint.contains("'onboard guides --default'"))
    #expect(lint == verify)
  }

  @Test func bothCommandsTakeTheSharedOptions() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/shop.env"
    try "LWA_APP_ID_shop=amzn1.application-oa2-client.0123456789abcdef0123456789abcdef\n".write(
      toFile: file, atomically: true, encoding: .utf8)
    let guide = OnboardProcess.repositoryRoot + "/guides/sp-api-self-authorisation.md"
    let templates = OnboardProcess.repositoryRoot + "/templates/sp-api"
    let lint = try OnboardProcess.run(["lint", "--guide", guide, "--templates", templates, "--as", "env", file])
    #expect(lint.status != 2, "\(lint.stderr)")
    #expect(lint.stdout.contains("shop.env"), "\(lint.stdout)")
    // A guide that does not exist is the same usage error in both.
    let lintMissing = try OnboardProcess.run(["lint", "--guide", folder + "/none.md", file])
    let verifyMissing = try OnboardProcess.run(["verify", "--guide", folder + "/none.md", file])
    #expect(lintMissing.status == 2 && verifyMissing.status == 2, "\(lintMissing.stderr) \(verifyMissing.stderr)")
    #expect(lintMissing.stderr.contains("none.md") && verifyMissing.stderr.contains("none.md"))
  }
}
