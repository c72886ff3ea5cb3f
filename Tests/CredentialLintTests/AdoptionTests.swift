import CredentialLint
import Foundation
import OnboardDiagnostics
import Testing

/// Issue 19: what a team adopting the linter needs — disable comments, a configuration with
/// per-glob overrides, a baseline, and files that are not credential files.
struct AdoptionTests {
  static let secret = "amzn1.oa2-cs.v1." + String(repeating: "c4", count: 32)

  func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "onboard-adoption-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  // MARK: - Disable comments

  @Test func aDisableCommentOnTheLineSilencesThatRuleThere() throws {
    let plain = try lint("DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs|0123456789abcdef\n", ".env")
    #expect(plain.contains { $0.ruleID == "env/shell-unsafe" })
    let silenced = try lint(
      "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs|0123456789abcdef # onboard-lint disable=env/shell-unsafe\n",
      ".env")
    #expect(!silenced.contains { $0.ruleID == "env/shell-unsafe" }, "\(positions(silenced))")
    // The comment is meant as one: no inline-comment warning for it.
    #expect(!silenced.contains { $0.ruleID == "env/inline-comment" }, "\(positions(silenced))")
  }

  @Test func aDisableCommentAloneSilencesTheNextLineOnly() throws {
    let text = """
      default:
        client_id: cid.0123abcd
        client_secret: cs.0123456789abcdef
        # onboard-lint disable=schema/deprecated-key,schema/unknown-key
        legacy_key: abc
        legacy_key_two: abc

      """
    let found = try lint(text, "credentials.yml")
    #expect(!found.contains { $0.location.line == 5 }, "\(positions(found))")
    #expect(found.contains { $0.location.line == 6 }, "\(positions(found))")
  }

  @Test func anUnknownIdInADisableCommentIsAWarningAtTheId() throws {
    let text =
      "DEMO_CLIENT_ID=cid.0123abcd\n# onboard-lint disable=env/shell-unsafe,env/no-such-rule\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"
    let found = try lint(text, ".env")
    let unknown = try #require(found.first { $0.ruleID == "config/unknown-rule" })
    #expect(unknown.severity == .warning)
    #expect(unknown.location.line == 2 && unknown.location.column == 41)
    #expect(unknown.message.contains("'env/no-such-rule'"))
  }

  @Test func aPastedSecretAsAnIdIsNotQuoted() throws {
    let text = "DEMO_CLIENT_ID=cid.0123abcd # onboard-lint disable=\(Self.secret)\n"
    let found = try lint(text, ".env")
    #expect(found.contains { $0.ruleID == "config/unknown-rule" })
    #expect(!found.contains { $0.message.contains(Self.secret) || ($0.fix ?? "").contains(Self.secret) })
  }

  // MARK: - Configuration

  @Test func theConfigurationTurnsRulesOffAndChangesSeverityPerGlob() throws {
    let folder = try temporaryFolder()
    let path = folder + "/.onboard-lint.yml"
    try Data(
      """
      rules:
        env/shell-unsafe: off
      overrides:
        - files: ['legacy/*.env']
          rules: {env/shell-unsafe: error, schema/deprecated-key: off}

      """.utf8
    ).write(to: URL(fileURLWithPath: path))
    let (configuration, problems) = try LintConfiguration.read(path, known: demoLinter.knownRuleIDs)
    #expect(problems.isEmpty, "\(problems)")
    let finding = Diagnostic(
      severity: .warning, ruleID: "env/shell-unsafe", message: "m",
      location: DiagnosticLocation(file: folder + "/app/.env", line: 1, column: 1))
    #expect(configuration.apply([finding]).isEmpty)
    var legacy = finding
    legacy.location.file = folder + "/legacy/shop.env"
    #expect(configuration.apply([legacy]).map(\.severity) == [.error])
    var deprecated = legacy
    deprecated.ruleID = "schema/deprecated-key"
    #expect(configuration.apply([deprecated]).isEmpty)
    deprecated.location.file = folder + "/app/.env"
    #expect(configuration.apply([deprecated]).count == 1)
  }

  @Test func unknownKeysRulesAndSeveritiesAreErrorsAtTheirPosition() throws {
    let folder = try temporaryFolder()
    let path = folder + "/.onboard-lint.yml"
    try Data("rules:\n  env/shell-unsafe: loud\n  env/typo: off\nignore: x\noverrides:\n  - paths: [a]\n".utf8)
      .write(to: URL(fileURLWithPath: path))
    let (_, problems) = try LintConfiguration.read(path, known: demoLinter.knownRuleIDs)
    let found = problems.map { "\($0.location.line):\($0.location.column) \($0.ruleID)" }
    #expect(
      found == [
        "2:21 config/unknown-key", "3:3 config/unknown-rule", "4:1 config/unknown-key", "6:5 config/unknown-key",
      ], "\(found)")
    #expect(problems.allSatisfy { $0.severity == .error })
  }

  @Test func theConfigurationIsFoundHereOrAtTheTopOfTheRepository() throws {
    let folder = try temporaryFolder()
    try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: folder + "/a/b", withIntermediateDirectories: true)
    #expect(LintConfiguration.locate(explicit: nil, from: folder + "/a/b") == nil)
    try Data("rules: {}\n".utf8).write(to: URL(fileURLWithPath: folder + "/.onboard-lint.yml"))
    #expect(LintConfiguration.locate(explicit: nil, from: folder + "/a/b")?.hasSuffix("/.onboard-lint.yml") == true)
    try Data("rules: {}\n".utf8).write(to: URL(fileURLWithPath: folder + "/a/b/.onboard-lint.yml"))
    #expect(LintConfiguration.locate(explicit: nil, from: folder + "/a/b") == folder + "/a/b/.onboard-lint.yml")
    #expect(LintConfiguration.locate(explicit: "x.yml", from: folder + "/a/b") == "x.yml")
  }

  // MARK: - Baseline

  @Test func aBaselineAcceptsTodaysFindingsByKeyNotLineAndHoldsNoValue() throws {
    let before = "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=\(Self.secret)|x\n"
    let after =
      "# a comment added above\n\nDEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=\(Self.secret)|x\nDEMO_LEGACY_KEY=abc\n"
    let old = try lint(before, "/tmp/x/.env")
    #expect(!old.isEmpty)
    let baseline = LintBaseline(old, readLine: { _, line in SourceLines(bytes: Array(before.utf8)).line(line) })
    let text = baseline.encoded()
    #expect(!text.contains(Self.secret) && !text.contains("cs.") && !text.contains("DEMO_CLIENT_SECRET"))
    let new = try lint(after, "/tmp/x/.env")
    let reported = baseline.newFindings(new, readLine: { _, line in SourceLines(bytes: Array(after.utf8)).line(line) })
    #expect(reported.map(\.ruleID) == ["schema/deprecated-key"], "\(positions(reported))")
    // Round trip through the file format.
    let folder = try temporaryFolder()
    try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/b.json"))
    #expect(try LintBaseline(contentsOf: folder + "/b.json") == baseline)
    try Data("{}".utf8).write(to: URL(fileURLWithPath: folder + "/bad.json"))
    #expect(throws: LintBaseline.ReadError.self) { try LintBaseline(contentsOf: folder + "/bad.json") }
  }

  // MARK: - Files that are not credential files

  @Test func documentsAndManifestsAreNotCredentialFiles() {
    #expect(NonCredentialFile.reason(path: "packets/x/checklist.md") != nil)
    #expect(NonCredentialFile.reason(path: "packets/x/prompts.md") != nil)
    #expect(NonCredentialFile.reason(path: "packets/x/packet.json") != nil)
    #expect(NonCredentialFile.reason(path: "packets/x/checklist.html") != nil)
    #expect(NonCredentialFile.reason(path: "packets/x/credentials.yml") == nil)
    #expect(NonCredentialFile.reason(path: "packets/x/shop.env") == nil)
    #expect(NonCredentialFile.reason(path: "packets/x/.env") == nil)
    #expect(NonCredentialFile.reason(path: "packets/x/secret.json") == nil)
  }
}
