import Foundation
import Testing

@testable import Walk

/// Issue 16: the dotenv and python-dict writers the walk and `credentials merge` use.
@Suite struct AccountFileEditorTests {
  static func dotenv(_ text: String?) throws -> DotenvAccountFile {
    let setup = try loadSetup()
    let layout = try #require(setup.layout.file(named: "env"))
    return try DotenvAccountFile(
      bytes: text.map { Array($0.utf8) }, file: "shop.env", fileLayout: layout, specs: setup.guide.credentials,
      layout: setup.layout)
  }

  static let shop = AccountCredentials(
    name: "shop",
    values: [("refresh_token", Canary.token), ("lwa_app_id", Canary.appID), ("lwa_client_secret", "it's\\x")])

  @Test func dotenvNewFileHoldsTheSuffixedNames() throws {
    var file = try Self.dotenv(nil)
    #expect(file.account(named: "shop") == nil)
    file.upsert(Self.shop)
    let text = String(decoding: try file.verifiedBytes(), as: UTF8.self)
    #expect(
      text == """
        SP_API_REFRESH_TOKEN_shop='\(Canary.token)'
        LWA_APP_ID_shop='\(Canary.appID)'
        LWA_CLIENT_SECRET_shop='it\\'s\\\\x'

        """)
  }

  @Test func dotenvMergeKeepsOtherAccountsAndReplacesOwnNamesInPlace() throws {
    let before = """
      # shared\r
      export LWA_APP_ID_shop="old"   # old one\r
      LWA_APP_ID_other='other'\r
      \r
      LWA_APP_ID_shop=again\r
      """
    var file = try Self.dotenv(before)
    #expect(file.account(named: "shop") == AccountsYAMLFile.ExistingAccount(name: "shop", line: 2))
    #expect(file.account(named: "other")?.line == 3)
    #expect(file.account(named: "nobody") == nil)
    file.upsert(Self.shop)
    let text = String(decoding: try file.verifiedBytes(), as: UTF8.self)
    #expect(
      text == """
        # shared\r
        export LWA_APP_ID_shop='\(Canary.appID)'   # old one\r
        LWA_APP_ID_other='other'\r
        \r
        SP_API_REFRESH_TOKEN_shop='\(Canary.token)'\r
        LWA_CLIENT_SECRET_shop='it\\'s\\\\x'\r

        """)
  }

  @Test func dotenvRefusesAValueItCannotCarryAndAFileItCannotRead() throws {
    var file = try Self.dotenv("")
    file.upsert(AccountCredentials(name: "shop", values: [("lwa_app_id", "a${HOME}b")]))
    #expect(throws: AccountsYAMLFile.EditError.self) { try file.verifiedBytes() }
    #expect(throws: AccountsYAMLFile.EditError.self) { try Self.dotenv("A='unclosed\n") }
  }

  @Test func pythonDictIsWrittenWithPythonLiterals() throws {
    var file = try PythonDictFile(bytes: nil, file: "credentials.py")
    #expect(file.account(named: "shop") == nil)
    file.upsert(AccountCredentials(name: "shop", values: [("lwa_app_id", "a'b\\c\nd\u{200B}")]))
    let text = String(decoding: try file.verifiedBytes(), as: UTF8.self)
    #expect(text.hasSuffix("credentials = dict(\n    lwa_app_id='a\\'b\\\\c\\nd\\u200B',\n)\n"))
    var braces = try PythonDictFile(bytes: nil, file: "credentials.py")
    braces.upsert(AccountCredentials(name: "shop", values: [("class", "x"), ("two words", "y")]))
    #expect(
      String(decoding: try braces.verifiedBytes(), as: UTF8.self).hasSuffix(
        "credentials = {\n    'class': 'x',\n    'two words': 'y',\n}\n"))
  }

  @Test func pythonDictReplacesOnlyAFileOnboardCouldHaveWritten() throws {
    let ours = "# comment\ncredentials = dict(\n    lwa_app_id='x',\n)\n\naccount = 'shop'\n"
    #expect(try PythonDictFile(bytes: Array(ours.utf8), file: "c.py").account(named: "shop")?.line == 2)
    let packet = "credentials = {\n    'lwa_app_id': '',\n}\n"
    #expect(try PythonDictFile(bytes: Array(packet.utf8), file: "c.py").account(named: "any")?.line == 1)
    for foreign in ["import os\ncredentials = dict(a='x')\n", "print('hi')\n", "credentials = load()\n"] {
      #expect(throws: AccountsYAMLFile.EditError.self, "\(foreign)") {
        try PythonDictFile(bytes: Array(foreign.utf8), file: "c.py")
      }
    }
  }

  @Test func pythonIdentifiers() {
    #expect(PythonDictFile.isIdentifier("refresh_token"))
    #expect(PythonDictFile.isIdentifier("_x9"))
    #expect(!PythonDictFile.isIdentifier("9x"))
    #expect(!PythonDictFile.isIdentifier("lambda"))
    #expect(!PythonDictFile.isIdentifier("a-b"))
  }
}

/// Issue 16: `credentials merge` takes dotenv files and writes the dotenv layout.
@Suite struct CredentialMergeDotenvTests {
  static func merger() throws -> CredentialMerger {
    let setup = try loadSetup()
    return CredentialMerger(specs: setup.guide.credentials, layout: setup.layout)
  }

  static func dotenvFile(_ account: String, token: String = Canary.token) -> String {
    """
    LWA_APP_ID_\(account)='\(Canary.appID)'
    LWA_CLIENT_SECRET_\(account)='\(Canary.secret)'
    SP_API_REFRESH_TOKEN_\(account)='\(token)'

    """
  }

  @Test func dotenvInputsMergeIntoAYAMLFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("de.env", Self.dotenvFile("shop_de"))
    try folder.write("jp.yml", returnedFile(account: "shop_jp"))
    let report = try Self.merger().merge(
      [folder.file("de.env"), folder.file("jp.yml")], into: folder.file("all.yml"), replace: false)
    #expect(report.refusal == nil, "\(String(describing: report.refusal)) \(report.inputFindings)")
    #expect(report.added == ["shop_de", "shop_jp"])
    let text = try #require(folder.read("all.yml"))
    #expect(text.hasPrefix("shop_de:\n  lwa_app_id: '\(Canary.appID)'\n  lwa_client_secret: '\(Canary.secret)'"))
  }

  @Test func yamlAndDotenvInputsMergeIntoADotenvFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("jp.yml", returnedFile(account: "shop_jp"))
    try folder.write("de.env", Self.dotenvFile("shop_de"))
    try folder.write("all.env", "# team\nLWA_APP_ID_main='amzn1.application-oa2-client.main'\n")
    let report = try Self.merger().merge(
      [folder.file("jp.yml"), folder.file("de.env")], into: folder.file("all.env"), replace: false)
    #expect(report.refusal == nil, "\(String(describing: report.refusal)) \(report.inputFindings)")
    #expect(report.added == ["shop_jp", "shop_de"])
    let text = try #require(folder.read("all.env"))
    #expect(text.hasPrefix("# team\nLWA_APP_ID_main='amzn1.application-oa2-client.main'\n"))
    #expect(text.contains("LWA_APP_ID_shop_jp='\(Canary.appID)'\nLWA_CLIENT_SECRET_shop_jp='\(Canary.secret)'"))
    #expect(text.contains("LWA_CLIENT_SECRET_shop_de='\(Canary.secret)'"))
    #expect(folder.mode("all.env") == 0o600)

    // --as env writes the dotenv layout whatever the name; an account there needs --replace.
    let again = try Self.merger().merge(
      [folder.file("de.env")], into: folder.file("all.env"), replace: false, as: "env")
    guard case .conflicts(let conflicts) = again.refusal else {
      Issue.record("expected a conflict, got \(String(describing: again.refusal))")
      return
    }
    #expect(conflicts.first?.contains("account 'shop_de' from \(folder.file("de.env")):1:1 is already in") == true)
    let named = try Self.merger().merge([folder.file("de.env")], into: folder.file("team"), replace: false, as: "env")
    #expect(named.refusal == nil)
    #expect(folder.read("team") == Self.dotenvFile("shop_de").replacingOccurrences(of: "\n\n", with: "\n"))
  }

  @Test func aDotenvInputWithAnErrorRefusesTheMerge() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("de.env", Self.dotenvFile("shop_de", token: "Atzr|short"))
    let report = try Self.merger().merge([folder.file("de.env")], into: folder.file("all.env"), replace: false)
    #expect(report.refusal == .inputErrors(errorCount: 1, files: [folder.file("de.env")]))
    #expect(folder.read("all.env") == nil)
  }
}
