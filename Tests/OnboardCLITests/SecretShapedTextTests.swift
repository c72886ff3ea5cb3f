import Foundation
import Testing

/// Issue 13, item 4: text that could be a pasted secret is described by length and shape, never
/// printed, by `credentials merge` and `walk --set`.
@Suite struct SecretShapedTextTests {
  /// A name shaped like a refresh token (mixed case and digits), used as an account name.
  static let accountCanary = "IwEBIcanaryACCOUNTname0123456789abc"
  /// A value pasted without its name.
  static let valueCanary = "Atzr|IwEBIcanarySETvalue0123456789"

  func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
  }

  @Test func mergeDoesNotPrintASecretShapedAccountName() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let input = folder + "/in.yml"
    try write(
      """
      \(Self.accountCanary):
        lwa_app_id: 'amzn1.application-oa2-client.\(String(repeating: "0a", count: 16))'
        lwa_client_secret: 'amzn1.oa2-cs.v1.\(String(repeating: "c4", count: 32))'
        refresh_token: 'Atzr|IwEBIA\(String(repeating: "x", count: 300))'

      """, to: input)
    let first = try OnboardProcess.run(["credentials", "merge", input, "--into", folder + "/all.yml"])
    #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
    #expect(first.stdout.contains("added a name of \(Self.accountCanary.count) characters"), "\(first.stdout)")
    // Merging again conflicts; the conflict message does not name it either.
    let second = try OnboardProcess.run(["credentials", "merge", input, "--into", folder + "/all.yml"])
    #expect(second.status == 1, "\(second.stdout)\(second.stderr)")
    for output in [first.stdout, first.stderr, second.stdout, second.stderr] {
      #expect(!output.contains("IwEBIcanary"), "\(output)")
    }
    // The account itself is in the merged file.
    let merged = try String(contentsOfFile: folder + "/all.yml", encoding: .utf8)
    #expect(merged.contains(Self.accountCanary + ":"))
  }

  @Test func walkSetWithoutEqualsDoesNotEchoItsArgument() throws {
    let result = try OnboardProcess.run(
      ["walk", "guides/sp-api-self-authorisation.md", "--set", Self.valueCanary], stdin: "")
    #expect(result.status == 2 || result.status == 64, "\(result.status) \(result.stderr)")
    #expect(result.stderr.contains("NAME=VALUE"), "\(result.stderr)")
    #expect(!result.stderr.contains("IwEBIcanary") && !result.stdout.contains("IwEBIcanary"), "\(result.stderr)")
  }
}
