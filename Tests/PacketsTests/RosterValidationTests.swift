import Escaping
import GuideKit
import OnboardDiagnostics
import Roster
import Testing

@testable import PacketPlanning
@testable import Packets

@Suite("Roster validation")
struct RosterValidationTests {
  func check(_ yaml: String) throws -> [Diagnostic] {
    let guide = try TestSupport.bundledGuide()
    let path = try TestSupport.file(yaml, named: "roster.yml")
    let generator = PacketGenerator(
      guide: guide, templates: try TestSupport.templates(), options: .init(outputDirectory: "/nonexistent"))
    // Rows without an owner also get a missing-value warning; these tests are about the rows.
    return try generator.check(roster: path).diagnostics.filter { $0.ruleID != RosterRules.missingValue }
  }

  @Test("A missing id names the row and its line")
  func missingID() throws {
    let diagnostics = try check("- id: a\n  marketplace: US\n- name: No Id\n  marketplace: US\n")
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.ruleID == RosterRules.missingID)
    #expect(diagnostic.location.line == 3 && diagnostic.location.column == 1)
    #expect(diagnostic.message.contains("Row 2"))
  }

  @Test("A duplicate id names both rows, ignoring case")
  func duplicateID() throws {
    let diagnostics = try check("- id: shop\n  marketplace: US\n- id: Shop\n  marketplace: DE\n")
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.ruleID == RosterRules.duplicateID)
    #expect(diagnostic.location.line == 3 && diagnostic.location.column == 7)
    #expect(diagnostic.message.contains("Row 2") && diagnostic.message.contains("row 1"))
  }

  @Test(
    "Unsafe folder names are refused",
    arguments: [
      "..", ".hidden", "a/b", "a b", String(repeating: "x", count: 65), "tab\there", "é", "-rf", "-x", "CON", "con",
      "aux.txt", "Com1", "lpt9.log", "NUL.tar.gz", "a.",
    ])
  func unsafeID(id: String) throws {
    let diagnostics = try check("- id: \(YAMLEscaper().escape(id))\n  marketplace: US\n")
    #expect(diagnostics.map(\.ruleID) == [RosterRules.unsafeID])
    #expect(diagnostics.first?.location.line == 1)
  }

  @Test(
    "Safe ids pass",
    arguments: [
      "a", "shop-de", "shop_de.eu", "A1", String(repeating: "x", count: 64), "x-", "console", "com10", "auxiliary",
    ])
  func safeID(id: String) {
    #expect(RosterValidator.isSafeFolderName(id))
  }

  @Test("An unknown marketplace names the row, line and column, with a suggestion")
  func unknownMarketplace() throws {
    let diagnostics = try check("- id: a\n  marketplace: DF\n")
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.ruleID == RosterRules.unknownDataKey)
    #expect(diagnostic.location.line == 2 && diagnostic.location.column == 16)
    #expect(diagnostic.fix?.contains("DE") == true)
  }

  @Test("A missing marketplace is reported")
  func missingMarketplace() throws {
    let diagnostics = try check("- id: a\n")
    #expect(diagnostics.map(\.ruleID) == [RosterRules.missingDataKey])
  }

  @Test("A bad credential_source and a bad account are reported")
  func sourceAndAccount() throws {
    let diagnostics = try check("- id: a\n  marketplace: US\n  credential_source: vault\n  account: has-dash\n")
    #expect(Set(diagnostics.map(\.ruleID)) == [RosterRules.invalidCredentialSource, RosterRules.unsafeAccount])
  }

  @Test("A known credential value that fails its spec is reported without the value")
  func badCredential() throws {
    let secret = "amzn1.sp.solution.CANARY-4f1c2e"
    let diagnostics = try check(
      "- id: a\n  marketplace: US\n  credentials:\n    lwa_app_id: '\(secret)'\n    refresh_token: 'Atzr|ok${HOME}'\n")
    let app = try #require(diagnostics.first { $0.message.contains("lwa_app_id") })
    #expect(app.ruleID == RosterRules.credentialValue)
    #expect(app.location.line == 4 && app.location.column == 17)
    #expect(app.message.contains("App ID"))
    for diagnostic in diagnostics {
      #expect(!diagnostic.message.contains("CANARY"))
      #expect(!(diagnostic.fix ?? "").contains("CANARY"))
      #expect(!diagnostic.message.contains("${HOME}"))
    }
    #expect(diagnostics.contains { $0.ruleID == RosterRules.unrepresentable })
  }

  @Test("An unknown credentials: key gets a did-you-mean")
  func unknownCredential() throws {
    let diagnostics = try check("- id: a\n  marketplace: US\n  credentials:\n    lwa_ap_id: x\n")
    #expect(diagnostics.first?.ruleID == RosterRules.unknownCredential)
    #expect(diagnostics.first?.message.contains("lwa_app_id") == true)
  }

  @Test("The example roster is clean")
  func exampleClean() throws {
    let guide = try TestSupport.bundledGuide()
    let generator = PacketGenerator(
      guide: guide, templates: try TestSupport.templates(), options: .init(outputDirectory: "/nonexistent"))
    for file in ["sellers.yml", "sellers.csv"] {
      let result = try generator.check(roster: TestSupport.root + "/examples/" + file)
      #expect(result.diagnostics.isEmpty, "\(file): \(result.diagnostics.map(\.message))")
      #expect(result.sellerCount == 5)
    }
  }

  @Test("Owner as 'Name <email>' text")
  func ownerText() {
    #expect(
      SellerDecoder.parseOwner("Ann Lee <ann@example.com>") == Seller.Owner(name: "Ann Lee", email: "ann@example.com"))
    #expect(SellerDecoder.parseOwner("ann@example.com") == Seller.Owner(email: "ann@example.com"))
    #expect(SellerDecoder.parseOwner("Ann") == Seller.Owner(name: "Ann"))
  }

  @Test("The account is derived from the id")
  func derivedAccount() {
    #expect(Seller.derivedAccount(from: "shop-de.eu") == "shop_de_eu")
    #expect(Seller(id: "Shop-DE").account == "Shop_DE")
  }
}
