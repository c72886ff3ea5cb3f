import CredentialLint
import Foundation
import OnboardDiagnostics
import Testing

/// Issue 19's output details: articles, counts, and a fix that is not repeated in the message.
struct MessageWordingTests {
  static let appID = "amzn1.application-oa2-client." + String(repeating: "0a", count: 16)
  static let secret = "amzn1.oa2-cs.v1." + String(repeating: "c4", count: 32)
  static let token = "Atzr|IwEBIA" + String(repeating: "x", count: 300)

  @Test func anLWAAndAnAWS() throws {
    // The app id and the secret swapped: each message names the other's title with its article.
    let text =
      "default:\n  refresh_token: \(Self.token)\n  lwa_app_id: \(Self.secret)\n  lwa_client_secret: \(Self.appID)\n"
    let found = try lint(text, "credentials.yml", linter: bundledLinter())
    let messages = found.map(\.message).joined(separator: "\n")
    #expect(messages.contains("looks like an LWA client secret"), "\(messages)")
    #expect(messages.contains("not an LWA client identifier"), "\(messages)")
    #expect(!messages.contains("a LWA") && !messages.contains("a AWS"))
    #expect(!messages.contains(Self.secret))
  }

  @Test func oneCharacterIsSingular() throws {
    let text = "default:\n  refresh_token: A\n  lwa_app_id: \(Self.appID)\n  lwa_client_secret: \(Self.secret)\n"
    let found = try lint(text, "credentials.yml", linter: bundledLinter())
    let messages = found.map(\.message).joined(separator: "\n")
    #expect(messages.contains("is 1 character;"), "\(messages)")
    #expect(!messages.contains("1 characters"))
  }

  @Test func theDeprecationFixIsNotRepeatedInTheMessage() throws {
    let text =
      "default:\n  refresh_token: \(Self.token)\n  lwa_app_id: \(Self.appID)\n  lwa_client_secret: \(Self.secret)\n  aws_access_key: AKIAABCDEFGHIJKLMNOP\n"
    let found = try lint(text, "credentials.yml", linter: bundledLinter())
    let deprecated = try #require(found.first { $0.ruleID == "schema/deprecated-key" })
    #expect(!deprecated.message.contains("Delete it"), "\(deprecated.message)")
    #expect(deprecated.message.hasSuffix("(2023-11-15)."), "\(deprecated.message)")
    #expect(deprecated.fix == "Delete it.")
    let report = TextReporter().report([deprecated], rules: [])
    #expect(report.components(separatedBy: "Delete it").count == 2, "\(report)")
  }

  @Test func anAccountSuffixThatIsNoVariableNameGetsAValidOne() throws {
    let text = "SP_API_REFRESH_TOKEN_shop-de='\(Self.token)'\n"
    let found = try lint(text, ".env", linter: bundledLinter())
    let incomplete = found.filter { $0.ruleID == "schema/account-incomplete" }
    #expect(incomplete.count == 2)
    for diagnostic in incomplete {
      #expect(diagnostic.fix?.contains("_shop_de'") == true, "\(diagnostic.fix ?? "")")
      #expect(diagnostic.fix?.contains("shop-de") == false)
      #expect(diagnostic.notes.contains { $0.contains("only letters, digits and '_'") && $0.contains("'shop_de'") })
    }
    // A valid suffix gets no such note.
    let valid = try lint("SP_API_REFRESH_TOKEN_shop_de='\(Self.token)'\n", ".env", linter: bundledLinter())
    #expect(valid.filter { $0.ruleID == "schema/account-incomplete" }.allSatisfy { $0.notes.isEmpty })
  }

  @Test func aTabInYAMLIsNamedAndPointedAt() throws {
    let text = "default:\n  refresh_token: \(Self.token)\n \tlwa_app_id: \(Self.appID)\n"
    let found = try lint(text, "credentials.yml", linter: bundledLinter())
    let syntax = try #require(found.first { $0.ruleID == "yaml/syntax" })
    #expect(syntax.message.contains("YAML forbids tabs for indentation"), "\(syntax.message)")
    #expect(!syntax.message.contains("cannot start any token"))
    #expect(syntax.location.line == 3 && syntax.location.column == 2)
    #expect(syntax.fix == "Indent with spaces instead of the tab.")
  }
}
