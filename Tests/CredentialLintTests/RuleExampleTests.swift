import CredentialLint
import CredentialSpecs
import OnboardDiagnostics
import Testing

/// Every rule's examples, run through the whole linter: a triggering example must produce the
/// rule's id, a passing one must not.
@Suite struct RuleExampleTests {
  static let cases: [(String, Int)] = LintRuleCatalogue.all.flatMap { rule in
    rule.examples.indices.map { (rule.descriptor.id, $0) }
  }

  @Test(arguments: cases)
  func example(ruleID: String, index: Int) throws {
    let rule = try #require(LintRuleCatalogue.rule(id: ruleID))
    let example = rule.examples[index]
    let found = try lint(example.text, example.fileName, mode: example.mode)
    let fired = found.filter { $0.ruleID == ruleID }
    if example.triggers {
      #expect(!fired.isEmpty, "\(ruleID) example \(index) should trigger:\n\(example.text)\nfound: \(positions(found))")
      // It fires exactly where the example's ↓ markers say.
      #expect(!example.expectedPositions.isEmpty, "\(ruleID) example \(index): mark where it fires with ↓")
      let firedAt = Set(fired.map { RuleExample.Position(line: $0.location.line, column: $0.location.column) })
      #expect(
        firedAt == Set(example.expectedPositions),
        "\(ruleID) example \(index) fires at \(firedAt.sorted()), marked at \(example.expectedPositions)")
    } else {
      #expect(
        fired.isEmpty, "\(ruleID) example \(index) should not trigger:\n\(example.text)\nfound: \(positions(fired))")
    }
  }

  @Test func everyRuleHasBothKindsOfExamplesAndADescriptor() {
    for rule in LintRuleCatalogue.all {
      let id = rule.descriptor.id
      #expect(rule.examples.contains { $0.triggers }, "\(id) has a triggering example")
      #expect(rule.examples.contains(where: { !$0.triggers }), "\(id) has a passing example")
      #expect(!rule.descriptor.summary.isEmpty && !rule.descriptor.help.isEmpty, "\(id) is described")
      #expect(id.split(separator: "/").count == 2, "\(id) is family/name")
    }
  }

  @Test func markersAreTakenOutWithTheirPositions() {
    let example = RuleExample.triggering(".env", "ab↓c\n↓d ↓é↓\n")
    #expect(example.text == "abc\nd é\n")
    // Columns count UTF-8 bytes, as diagnostics do: é is two.
    #expect(example.expectedPositions.map(\.description) == ["1:3", "2:1", "2:3", "2:5"])
    #expect(RuleExample.passing(".env", "x\n").expectedPositions.isEmpty)
  }

  @Test func ruleIDsAreUnique() {
    let ids = LintRuleCatalogue.all.map(\.descriptor.id)
    #expect(Set(ids).count == ids.count)
  }

  @Test func catalogueCoversTheReferenceRules() {
    let ids = Set(LintRuleCatalogue.all.map(\.descriptor.id))
    let expected = [
      "schema/missing-required", "schema/unknown-key", "schema/deprecated-key", "schema/key-case",
      "schema/account-incomplete", "schema/account-fallback-mix", "schema/account-shape", "schema/optional-absent",
      "value/swapped", "value/placeholder", "value/whitespace", "value/invisible-char", "value/known-mistake",
      "value/format", "value/quotes", "value/too-long",
      "yaml/syntax", "yaml/duplicate-key", "yaml/implicit-type", "yaml/comment-truncation", "yaml/version-type",
      "env/space-around-equals", "env/inline-comment", "env/shell-unsafe", "env/interpolation", "env/unparsable",
      "env/duplicate-key", "json/syntax", "json/duplicate-key", "json/non-string",
      "file/bom", "file/crlf", "file/permissions",
    ]
    for id in expected { #expect(ids.contains(id), "\(id) is in the catalogue") }
  }

  @Test func docsListEveryRule() throws {
    let docs = try String(contentsOfFile: repositoryRoot + "/docs/rules.md", encoding: .utf8)
    for rule in LintRuleCatalogue.all {
      #expect(docs.contains("`\(rule.descriptor.id)`"), "docs/rules.md describes \(rule.descriptor.id)")
    }
  }

  @Test func theDemoSpecsParse() {
    #expect(demoSpecs.keys == ["client_id", "client_secret", "token", "legacy_key"])
    #expect(demoLayout.files.map(\.name) == ["yaml", "env", "json", "python"])
  }

  @Test func goodFilesInEveryFormatAreClean() throws {
    let yaml =
      "version: '1.0'\ndefault:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n  token: tk|AbCdEf012345\n"
    let env =
      "DEMO_CLIENT_ID=cid.0123abcd\nexport DEMO_CLIENT_SECRET=cs.0123456789abcdef\nDEMO_TOKEN='tk|AbCdEf012345'\n"
    let json =
      "{\"DEMO_CLIENT_ID\": \"cid.0123abcd\", \"DEMO_CLIENT_SECRET\": \"cs.0123456789abcdef\", \"DEMO_TOKEN\": \"tk|AbCdEf012345\"}\n"
    for (text, name) in [(yaml, "credentials.yml"), (env, ".env"), (json, "secret.json")] {
      let found = try lint(text, name)
      #expect(found.isEmpty, "\(name): \(positions(found))")
    }
  }
}
