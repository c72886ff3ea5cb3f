import Foundation
import Testing
import Yams

@testable import Walk

/// `onboard credentials merge`: lint first, refuse on errors or conflicts, keep what exists.
@Suite struct CredentialMergerTests {
  static let target = """
    # team credentials
    version: '1.0'

    # production (keep)
    main:
      refresh_token: '\(longToken("main"))'   # 2024
      lwa_app_id: amzn1.application-oa2-client.0123456789abcdef0123456789abcdef
      lwa_client_secret: "amzn1.oa2-cs.v1.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

    """

  static func merger() throws -> CredentialMerger {
    let setup = try loadSetup()
    return CredentialMerger(specs: setup.guide.credentials, layout: setup.layout)
  }

  static func messages(_ report: CredentialMerger.Report) -> String {
    (report.inputFindings + report.resultFindings).map { "\($0.location) \($0.message) \($0.fix ?? "") \($0.notes)" }
      .joined(separator: "\n") + "\(String(describing: report.refusal))"
  }

  @Test func aLeadingByteOrderMarkInAValueRefusesTheMerge() throws {
    for written in ["'\u{FEFF}\(Canary.appID)'", "\"\\uFEFF\(Canary.appID)\"", "\u{FEFF}\(Canary.appID)"] {
      let folder = try TemporaryFolder()
      defer { folder.cleanUp() }
      let file = returnedFile(account: "shop_de").replacingOccurrences(of: "'\(Canary.appID)'", with: written)
      try folder.write("de.yml", file)
      let report = try Self.merger().merge([folder.file("de.yml")], into: folder.file("all.yml"), replace: false)
      #expect(report.refusal == .inputErrors(errorCount: 1, files: [folder.file("de.yml")]), "\(written)")
      #expect(report.inputFindings.map(\.ruleID) == ["value/invisible-char"], "\(written)")
      #expect(folder.read("all.yml") == nil)
    }
  }

  @Test func mergesNewAccountsAndKeepsExistingOnesAndCommentsByteForByte() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("target.yml", Self.target, mode: 0o644)
    try folder.write("de.yml", returnedFile(account: "shop_de"), mode: 0o664)
    try folder.write("jp.yml", returnedFile(account: "shop_jp", token: longToken("japan")))
    let report = try Self.merger().merge(
      [folder.file("de.yml"), folder.file("jp.yml")], into: folder.file("target.yml"), replace: false)
    #expect(report.refusal == nil)
    #expect(report.added == ["shop_de", "shop_jp"])
    #expect(report.resultFindings.isEmpty)
    let merged = try #require(folder.read("target.yml"))
    #expect(merged.hasPrefix(Self.target))
    #expect(
      String(merged.dropFirst(Self.target.count)) == """

        shop_de:
          lwa_app_id: '\(Canary.appID)'
          lwa_client_secret: '\(Canary.secret)'
          refresh_token: '\(Canary.token)'

        shop_jp:
          lwa_app_id: '\(Canary.appID)'
          lwa_client_secret: '\(Canary.secret)'
          refresh_token: '\(longToken("japan"))'

        """)
    #expect(folder.mode("target.yml") == 0o600)
    #expect(!Canary.appears(in: Self.messages(report)))
  }

  @Test func createsTheTargetWhenItDoesNotExist() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("de.yml", returnedFile(account: "shop_de"))
    let target = folder.file("config/python-sp-api/credentials.yml")
    let report = try Self.merger().merge([folder.file("de.yml")], into: target, replace: false)
    #expect(report.added == ["shop_de"])
    let attributes = try FileManager.default.attributesOfItem(atPath: target)
    #expect(attributes[.posixPermissions] as? Int == 0o600)
    let loaded = try #require(
      try Yams.load(yaml: try String(contentsOfFile: target, encoding: .utf8)) as? [String: [String: String]])
    #expect(
      loaded == [
        "shop_de": ["lwa_app_id": Canary.appID, "lwa_client_secret": Canary.secret, "refresh_token": Canary.token]
      ])
  }

  @Test func anExistingAccountIsReplacedOnlyWithReplace() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("target.yml", Self.target)
    try folder.write("main.yml", returnedFile(account: "main"))
    let refused = try Self.merger().merge([folder.file("main.yml")], into: folder.file("target.yml"), replace: false)
    guard case .conflicts(let conflicts) = refused.refusal else {
      Issue.record("expected a conflict")
      return
    }
    #expect(
      conflicts == [
        "account 'main' from \(folder.file("main.yml")):5:1 is already in \(folder.file("target.yml")):5:1; pass --replace to replace it"
      ])
    #expect(folder.read("target.yml") == Self.target)

    let replaced = try Self.merger().merge([folder.file("main.yml")], into: folder.file("target.yml"), replace: true)
    #expect(replaced.replaced == ["main"])
    let merged = try #require(folder.read("target.yml"))
    #expect(
      merged.hasPrefix(
        "# team credentials\nversion: '1.0'\n\n# production (keep)\nmain:\n  lwa_app_id: '\(Canary.appID)'\n"))
    #expect(!merged.contains("2024"))
  }

  @Test func inputsWithLintErrorsRefuseTheWholeMerge() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("target.yml", Self.target, mode: 0o644)
    try folder.write("good.yml", returnedFile(account: "good"))
    // The App ID pasted as lwa_app_id, and a refresh token cut by an unquoted ' #'.
    let bad = """
      bad:
        lwa_app_id: 'amzn1.sp.solution.0bf296b5-1111-2222-3333-c0ffee11c0ff'
        lwa_client_secret: '\(Canary.secret)'
        refresh_token: Atzr|IwEBCANARYSECRETTOKEN #-rest-of-token

      """
    try folder.write("bad.yml", bad)
    let report = try Self.merger().merge(
      [folder.file("good.yml"), folder.file("bad.yml")], into: folder.file("target.yml"), replace: false)
    guard case .inputErrors(let count, let files) = report.refusal else {
      Issue.record("expected a refusal")
      return
    }
    #expect(count >= 2)
    #expect(files == [folder.file("bad.yml")])
    #expect(report.inputFindings.contains { $0.ruleID == "value/known-mistake" && $0.location.line == 2 })
    #expect(report.added.isEmpty)
    #expect(folder.read("target.yml") == Self.target)
    #expect(folder.mode("target.yml") == 0o644)
    #expect(!Canary.appears(in: Self.messages(report)))
    #expect(!Self.messages(report).contains("0bf296b5"))
  }

  @Test func anAccountInTwoInputsIsRefused() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("a.yml", returnedFile(account: "shop"))
    try folder.write("b.yml", returnedFile(account: "shop"))
    let report = try Self.merger().merge(
      [folder.file("a.yml"), folder.file("b.yml")], into: folder.file("t.yml"), replace: true)
    guard case .conflicts(let conflicts) = report.refusal else {
      Issue.record("expected a conflict")
      return
    }
    #expect(conflicts.first?.contains("is in both \(folder.file("a.yml")):5:1 and \(folder.file("b.yml")):5:1") == true)
    #expect(!FileManager.default.fileExists(atPath: folder.file("t.yml")))
  }

  @Test func aTargetThatIsNotValidYAMLIsRefusedWithoutQuotingIt() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let broken = "main:\n  lwa_client_secret: \(Canary.secret): oops\n"
    try folder.write("t.yml", broken)
    try folder.write("a.yml", returnedFile(account: "shop"))
    let report = try Self.merger().merge([folder.file("a.yml")], into: folder.file("t.yml"), replace: false)
    guard case .unusableTarget(let message) = report.refusal else {
      Issue.record("expected a refusal")
      return
    }
    #expect(message.contains("t.yml:2:"))
    #expect(!Canary.appears(in: message))
    #expect(folder.read("t.yml") == broken)
  }

  @Test func writesThroughASymbolicLinkAndLeavesNoTemporaryFiles() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("real.yml", Self.target)
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("link.yml"), withDestinationPath: folder.file("real.yml"))
    try folder.write("a.yml", returnedFile(account: "shop"))
    let report = try Self.merger().merge([folder.file("a.yml")], into: folder.file("link.yml"), replace: false)
    #expect(report.added == ["shop"])
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("link.yml")) == folder.file("real.yml"))
    #expect(try #require(folder.read("real.yml")).contains("shop:"))
    #expect(folder.mode("real.yml") == 0o600)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names == ["a.yml", "link.yml", "real.yml"])
  }

  @Test func aJSONInputIsNotAnAccountsFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    // Dotenv inputs are merged since issue 16 (CredentialMergeDotenvTests); JSON is refused.
    try folder.write("secret.json", "{\"LWA_APP_ID\": \"\(Canary.appID)\"}\n")
    #expect {
      _ = try Self.merger().merge([folder.file("secret.json")], into: folder.file("t.yml"), replace: false)
    } throws: { error in
      guard let failure = error as? CredentialMerger.Failure, case .notAnAccountsFile = failure else { return false }
      return !Canary.appears(in: failure.description)
    }
  }

  @Test func onlyTheGuidesActiveKeysAreCarriedOver() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let withExtras = """
      shop:
        lwa_app_id: '\(Canary.appID)'
        lwa_client_secret: '\(Canary.secret)'
        aws_access_key: 'AKIAABCDEFGHIJKLMNOP'
        note: 'hello'

      """
    try folder.write("a.yml", withExtras)
    let report = try Self.merger().merge([folder.file("a.yml")], into: folder.file("t.yml"), replace: false)
    #expect(report.refusal == nil, "\(Self.messages(report))")
    #expect(folder.read("t.yml") == "shop:\n  lwa_app_id: '\(Canary.appID)'\n  lwa_client_secret: '\(Canary.secret)'\n")
  }
}
