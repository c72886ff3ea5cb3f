import Foundation
import Testing
import Yams

@testable import Walk

/// Text-level edits of accounts files: everything outside the changed account stays byte for byte.
@Suite struct AccountsYAMLFileTests {
  static let existing = """
    # python-amazon-sp-api credentials, shared by the team
    version: '1.0'

    # The main shop (do not touch)
    main:
      refresh_token: 'Atzr|IwEBmain'   # from 2024-03
      lwa_app_id: amzn1.application-oa2-client.0123456789abcdef0123456789abcdef
      lwa_client_secret: "amzn1.oa2-cs.v1.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

    # Germany
    shop_de:
      # old values
      lwa_app_id: 'old-id'
      lwa_client_secret: 'old-secret'

    # Japan, added by hand
    'sakura jp':
      lwa_app_id: x   # a comment
    # trailing remark about the file

    """

  static func account(_ name: String) -> AccountCredentials {
    AccountCredentials(
      name: name,
      values: [("lwa_app_id", Canary.appID), ("lwa_client_secret", Canary.secret), ("refresh_token", Canary.token)])
  }

  static func edit(_ text: String, _ accounts: [AccountCredentials]) throws -> String {
    var file = try AccountsYAMLFile(bytes: Array(text.utf8), file: "credentials.yml")
    for account in accounts { file.upsert(account) }
    return String(decoding: try file.verifiedBytes(), as: UTF8.self)
  }

  @Test func findsAccountsAndTheirLines() throws {
    let file = try AccountsYAMLFile(bytes: Array(Self.existing.utf8), file: "credentials.yml")
    #expect(file.accounts.map(\.name) == ["version", "main", "shop_de", "sakura jp"])
    #expect(file.account(named: "shop_de")?.line == 11)
    #expect(file.account(named: "sakura jp")?.line == 17)
  }

  @Test func appendingKeepsTheWholeFileAsItWas() throws {
    let result = try Self.edit(Self.existing, [Self.account("shop_fr")])
    #expect(result.hasPrefix(Self.existing))
    #expect(
      String(result.dropFirst(Self.existing.count)) == """

        shop_fr:
          lwa_app_id: '\(Canary.appID)'
          lwa_client_secret: '\(Canary.secret)'
          refresh_token: '\(Canary.token)'

        """)
  }

  @Test func replacingChangesOnlyThatAccountsBlock() throws {
    let result = try Self.edit(Self.existing, [Self.account("shop_de")])
    let before = Self.existing.components(separatedBy: "shop_de:")[0]
    let after = "\n# Japan, added by hand" + Self.existing.components(separatedBy: "# Japan, added by hand")[1]
    #expect(
      result == before + """
        shop_de:
          lwa_app_id: '\(Canary.appID)'
          lwa_client_secret: '\(Canary.secret)'
          refresh_token: '\(Canary.token)'

        """ + after)
    let loaded = try #require(try Yams.load(yaml: result) as? [String: Any])
    #expect((loaded["shop_de"] as? [String: String])?["lwa_client_secret"] == Canary.secret)
    #expect((loaded["main"] as? [String: String])?["refresh_token"] == "Atzr|IwEBmain")
  }

  @Test func replacingTheLastAccountKeepsTheTrailingComment() throws {
    let result = try Self.edit(Self.existing, [Self.account("sakura jp")])
    #expect(
      result.hasSuffix(
        "'sakura jp':\n  lwa_app_id: '\(Canary.appID)'\n  lwa_client_secret: '\(Canary.secret)'\n  refresh_token: '\(Canary.token)'\n# trailing remark about the file\n"
      ))
  }

  @Test func quotesAreEscapedAndKeysQuotedWhenNeeded() throws {
    let account = AccountCredentials(name: "yes", values: [("lwa_app_id", "it's"), ("refresh_token", "a # b: c")])
    let result = try Self.edit("", [account])
    #expect(result == "'yes':\n  lwa_app_id: 'it''s'\n  refresh_token: 'a # b: c'\n")
  }

  @Test func keepsCRLFByteOrderMarkAndIndentation() throws {
    let text = "\u{FEFF}main:\r\n    lwa_app_id: 'a'\r\n"
    var file = try AccountsYAMLFile(bytes: Array(text.utf8), file: "c.yml")
    file.upsert(AccountCredentials(name: "other", values: [("lwa_app_id", "b")]))
    let bytes = try file.verifiedBytes()
    #expect(String(decoding: bytes, as: UTF8.self) == text + "\r\nother:\r\n    lwa_app_id: 'b'\r\n")
  }

  @Test func fileWithoutFinalLineBreakOrWithOnlyComments() throws {
    #expect(
      try Self.edit("a:\n  k: 'v'", [AccountCredentials(name: "b", values: [("k", "w")])])
        == "a:\n  k: 'v'\n\nb:\n  k: 'w'\n")
    #expect(
      try Self.edit("# nothing yet\n", [AccountCredentials(name: "b", values: [("k", "w")])])
        == "# nothing yet\n\nb:\n  k: 'w'\n")
    #expect(
      try Self.edit("---\na: 1\n...\n", [AccountCredentials(name: "b", values: [("k", "w")])])
        == "---\na: 1\n\nb:\n  k: 'w'\n...\n")
  }

  @Test(arguments: [
    ("{a: {k: v}}\n", "flow mapping"),
    ("- a\n- b\n", "a list"),
    ("just text\n", "a single value"),
    ("? [a, b]\n: c\n", "not a plain or quoted name"),
  ])
  func refusesStructuresItCannotEdit(text: String, reason: String) {
    #expect {
      _ = try AccountsYAMLFile(bytes: Array(text.utf8), file: "c.yml")
    } throws: { error in
      guard case .unsupported(_, let message) = error as? AccountsYAMLFile.EditError else { return false }
      return message.contains(reason)
    }
  }

  @Test func invalidYAMLIsRefusedWithoutQuotingIt() {
    let text = "main:\n  lwa_app_id: '\(Canary.appID)\n  refresh_token: \(Canary.token): x\n"
    #expect {
      _ = try AccountsYAMLFile(bytes: Array(text.utf8), file: "c.yml")
    } throws: { error in
      let description = "\(error)"
      return description.hasPrefix("c.yml:") && !Canary.appears(in: description)
    }
    let duplicate = "main:\n  k: '\(Canary.secret)'\nmain:\n  k: 'b'\n"
    #expect {
      _ = try AccountsYAMLFile(bytes: Array(duplicate.utf8), file: "c.yml")
    } throws: { error in
      let description = "\(error)"
      return description.contains("defined twice") && !Canary.appears(in: description)
    }
  }

  @Test func descriptionsNeverShowValues() {
    let account = Self.account("shop")
    #expect(!Canary.appears(in: "\(account)"))
    #expect(!Canary.appears(in: String(reflecting: account)))
    var dumped = ""
    dump(account, to: &dumped)
    #expect(!Canary.appears(in: dumped))
    var collected = CollectedCredentials()
    collected["lwa_app_id"] = Canary.appID
    #expect(!Canary.appears(in: "\(collected)"))
    var dumpedCollection = ""
    dump(collected, to: &dumpedCollection)
    #expect(!Canary.appears(in: dumpedCollection))
    #expect(!Canary.appears(in: "\(PastedValue(" \(Canary.token) "))"))
  }
}
