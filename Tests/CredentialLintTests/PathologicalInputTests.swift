import CredentialLint
import CredentialSpecs
import Foundation
import OnboardDiagnostics
import Testing

/// Credential files far outside normal sizes and shapes (issue 7). Each must be linted without
/// crashing, with diagnostics at the right place that never quote the (huge) value. How the
/// time grows with size is measured by scripts/bench/pathological.sh; these tests are sized to
/// run in a second or two and would take minutes if the quadratic paths they guard came back.
@Suite("Pathological credential files")
struct PathologicalCredentialFileTests {
  static let megabyteToken = "Atzr|IwEB" + String(repeating: "A", count: 1_000_000)

  /// Lints `text` as `name` with the bundled guide's specs and the sp-api layout.
  static func lintBundled(_ text: String, _ name: String) throws -> [Diagnostic] {
    try lint(text, name, linter: bundledLinter(checkPermissions: false), mode: nil)
  }

  /// No message, note or fix holds 32 `A`s in a row (a piece of the long value).
  static func expectNoValueQuoted(_ diagnostics: [Diagnostic]) {
    let piece = String(repeating: "A", count: 32)
    for diagnostic in diagnostics {
      let text = ([diagnostic.message, diagnostic.fix ?? ""] + diagnostic.notes).joined(separator: "\n")
      #expect(!text.contains(piece), "\(diagnostic.ruleID) quotes the value")
    }
  }

  @Test("a 1 MB value on one line is too long, in YAML, dotenv and JSON, without being quoted")
  func megabyteValue() throws {
    let files = [
      ("credentials.yml", "default:\n  refresh_token: \(Self.megabyteToken)\n", "2:18"),
      ("shop.env", "SP_API_REFRESH_TOKEN_shop=\(Self.megabyteToken)\n", "1:27"),
      ("secret.json", "{\"SP_API_REFRESH_TOKEN\": \"\(Self.megabyteToken)\"}\n", "1:26"),
    ]
    for (name, text, position) in files {
      let diagnostics = try Self.lintBundled(text, name)
      #expect(positions(diagnostics).contains("\(position) value/too-long"), "\(name): \(positions(diagnostics))")
      Self.expectNoValueQuoted(diagnostics)
    }
  }

  @Test("a long line holding 20,000 keys of a flow mapping gives each key its byte column")
  func longLineOfKeys() throws {
    // Keys with a two-byte character, so scalar columns (libyaml's) differ from byte columns.
    // (Finding each column used to walk the line from its start: quadratic in the line.)
    let keys = (0..<20_000).map { "ké\($0)" }
    let line = "default: {" + keys.map { "\($0): v" }.joined(separator: ", ") + "}"
    let diagnostics = try Self.lintBundled(line + "\n", "credentials.yml")
    let unknown = diagnostics.filter { $0.ruleID == "schema/unknown-key" }
    #expect(unknown.count == keys.count)
    let expectedColumn = ("default: {" + keys.dropLast().map { "\($0): v, " }.joined()).utf8.count + 1
    #expect(unknown.last.map { "\($0.location.line):\($0.location.column)" } == "1:\(expectedColumn)")
  }

  @Test("10,000 unknown keys in one account are each reported on their own line (and 2,000 in JSON)")
  func tenThousandKeys() throws {
    let yaml = "default:\n" + (0..<10_000).map { "  key_\($0): value\n" }.joined()
    let unknown = try Self.lintBundled(yaml, "credentials.yml").filter { $0.ruleID == "schema/unknown-key" }
    #expect(unknown.count == 10_000)
    #expect(unknown.last?.location.line == 10_001)

    let json = "{\n" + (0..<2_000).map { "\"KEY_\($0)\": \"value\"" }.joined(separator: ",\n") + "\n}\n"
    let jsonUnknown = try Self.lintBundled(json, "secret.json").filter { $0.ruleID == "schema/unknown-key" }
    #expect(jsonUnknown.count == 2_000)

    let dotenv = (0..<10_000).map { "KEY_\($0)=value\n" }.joined()
    let dotenvFindings = try Self.lintBundled(dotenv, "shop.env")
    #expect(positions(dotenvFindings).contains("1:1 schema/missing-required"))
  }

  @Test("2,000 accounts are each checked, in YAML and dotenv (grouped in one pass, not one per account)")
  func manyAccounts() throws {
    let yaml = (0..<2_000).map { "account_\($0):\n  lwa_app_id: \(Fake.appID)\n" }.joined()
    let missing = try Self.lintBundled(yaml, "credentials.yml").filter { $0.ruleID == "schema/missing-required" }
    #expect(missing.count == 2_000)
    #expect(missing.last?.location.line == 3_999)

    let dotenv = (0..<2_000).map { "LWA_APP_ID_acct\($0)=\(Fake.appID)\n" }.joined()
    let incomplete = try Self.lintBundled(dotenv, "shop.env").filter { $0.ruleID == "schema/account-incomplete" }
    #expect(incomplete.count == 2_000)
    #expect(incomplete.last?.location.line == 2_000)
  }

  @Test("a YAML alias bomb ends at once with a diagnostic, and nothing is expanded")
  func aliasBomb() throws {
    var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
      previous = name
    }
    yaml += "default:\n  refresh_token: *i\n  lwa_app_id: \(Fake.appID)\n  lwa_client_secret: \(Fake.clientSecret)\n"
    let diagnostics = try Self.lintBundled(yaml, "credentials.yml")
    #expect(diagnostics.count < 30)
    // Anchors and aliases are refused (issue 13): the first anchor is the error.
    #expect(positions(diagnostics).contains("1:4 yaml/alias"), "\(positions(diagnostics))")
    for diagnostic in diagnostics {
      #expect(diagnostic.message.utf8.count < 500)
      #expect(!diagnostic.message.contains("lol"))
    }
  }

  @Test("an alias bomb used as mapping keys ends at once with a diagnostic", .timeLimit(.minutes(1)))
  func aliasBombAsKeys() throws {
    var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
      previous = name
    }
    let diagnostics = try Self.lintBundled(yaml + "default: {*i: 1, *h: 2}\n", "credentials.yml")
    #expect(positions(diagnostics).contains("1:4 yaml/alias"), "\(positions(diagnostics))")
    // Only the aliases, without the anchors before them (an undefined alias is refused too).
    let keysOnly = try Self.lintBundled("default: {*i: 1, *h: 2}\n", "credentials.yml")
    #expect(positions(keysOnly).contains("1:11 yaml/alias"), "\(positions(keysOnly))")
  }

  @Test("JSON nested 100,000 deep is a syntax error, not a stack overflow")
  func deepJSON() throws {
    let arrays =
      "{\"LWA_APP_ID\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}\n"
    let objects = String(repeating: "{\"a\": ", count: 100_000) + "1" + String(repeating: "}", count: 100_000) + "\n"
    for text in [arrays, objects] {
      let syntax = try Self.lintBundled(text, "secret.json").filter { $0.ruleID == "json/syntax" }
      #expect(syntax.count == 1)
      #expect(syntax.first?.message.contains("levels deep") == true)
    }
  }

  @Test("YAML and dotenv nested 100,000 deep end with a diagnostic")
  func deepYAMLAndDotenv() throws {
    let yaml =
      "default:\n  refresh_token: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
      + "\n"
    #expect(try Self.lintBundled(yaml, "credentials.yml").contains { $0.ruleID == "yaml/syntax" })
    let dotenv =
      "SP_API_REFRESH_TOKEN=" + String(repeating: "${", count: 100_000) + String(repeating: "}", count: 100_000) + "\n"
    #expect(try Self.lintBundled(dotenv, "shop.env").contains { $0.ruleID == "env/interpolation" })
  }
}
