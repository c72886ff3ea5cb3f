import Foundation
import Testing

/// `onboard lint` as a user runs it: which guide it reads, and what it does with a broken one.
/// (Every rule, format and the agreement with python-amazon-sp-api are in CredentialLintTests
/// and tests/python.)
@Suite struct LintCommandTests {
  static let canary = "amzn1.oa2-cs.v1." + String(repeating: "c4", count: 32)

  func writeCredentials(_ folder: String) throws -> String {
    let path = folder + "/credentials.yml"
    let text = """
      default:
        refresh_token: Atzr|IwEBIA\(String(repeating: "x", count: 300))
        lwa_app_id: amzn1.application-oa2-client.\(String(repeating: "0a", count: 16))
        lwa_client_secret: \(Self.canary)

      """
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    return path
  }

  @Test func aCleanFileAgainstTheBundledGuideExitsZero() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let file = try writeCredentials(folder)
    let result = try OnboardProcess.run(["lint", file])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test func aGuideWithABrokenCredentialsBlockIsAUsageError() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let bundled = try String(
      contentsOfFile: OnboardProcess.repositoryRoot + "/guides/sp-api-self-authorisation.md", encoding: .utf8)
    // Break the block: YAML that does not parse.
    let broken = bundled.replacingOccurrences(
      of: "```yaml credentials\n", with: "```yaml credentials\nbogus: [unclosed\n")
    #expect(broken != bundled)
    try FileManager.default.createDirectory(atPath: folder + "/guides", withIntermediateDirectories: true)
    try Data(broken.utf8).write(to: URL(fileURLWithPath: folder + "/guides/g.md"))
    let file = try writeCredentials(folder)
    let result = try OnboardProcess.run([
      "lint", "--guide", folder + "/guides/g.md", "--templates", OnboardProcess.repositoryRoot + "/templates", file,
    ])
    #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
    #expect(result.stderr.contains("has errors in its front matter or credentials block"))
    #expect(result.stderr.contains("g.md:"))
    #expect(result.stderr.contains(": error: ") && result.stderr.contains("[guide/malformed-credentials]"))
    #expect(!result.stderr.contains(Self.canary) && !result.stdout.contains(Self.canary))
  }
}
