import CredentialLint
import Foundation
import OnboardDiagnostics
import Testing

/// `--fix`: only safe mechanical fixes, atomic writes, mode 0600, values unchanged.
@Suite struct FixerTests {
  /// Lints a file on disk, fixes it, and returns the changes, the new text and the new mode.
  func fix(_ text: String, named name: String, mode: Int = 0o600, linter: CredentialLinter = demoLinter)
    throws -> (changes: [FixChange], text: String, mode: Int, before: [String], after: [String])
  {
    let folder = try temporaryFolder()
    let path = try writeFile(text, named: name, in: folder, mode: mode)
    let (document, found) = try linter.lintFile(path)
    let changes = try CredentialFixer(specs: linter.specs).fix(document, diagnostics: found, mode: UInt16(mode))
    let newText = try String(contentsOfFile: path, encoding: .utf8)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    let newMode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != name }
    #expect(leftovers.isEmpty, "no temporary or backup files are left: \(leftovers)")
    let (afterDocument, _) = try linter.lintFile(path)
    return (
      changes, newText, newMode, document.effectiveEntries.map { "\($0.account ?? "-")/\($0.name)=\($0.value)" },
      afterDocument.effectiveEntries.map { "\($0.account ?? "-")/\($0.name)=\($0.value)" }
    )
  }

  @Test func yamlQuotingKeepsTheTextAndMakesItAString() throws {
    let text = "version: 1.0\ndefault:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n  token: no\n"
    let result = try fix(text, named: "credentials.yml", mode: 0o644)
    #expect(
      result.text
        == "version: '1.0'\ndefault:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n  token: 'no'\n")
    #expect(result.mode == 0o600)
    #expect(result.before == result.after, "the text of every value is unchanged")
    #expect(
      result.changes.map(\.description).sorted()
        == [
          "fixed: \(result.changes[0].file):1: changed permissions from 0644 to 0600 [file/permissions]",
          "fixed: \(result.changes[0].file):1: put the value of 'version' in single quotes [yaml/version-type]",
          "fixed: \(result.changes[0].file):5: put the value of 'token' in single quotes [yaml/implicit-type]",
        ].sorted())
    let remaining = try demoLinter.lint(file: result.changes[0].file)
    #expect(
      !remaining.contains { ["yaml/implicit-type", "yaml/version-type", "file/permissions"].contains($0.ruleID) })
  }

  @Test func dotenvFixes() throws {
    let text =
      "\u{FEFF}DEMO_CLIENT_ID = cid.0123abcd\r\nDEMO_CLIENT_SECRET=\" cs.0123456789abcdef \"\r\nDEMO_TOKEN=tk|AbCdEf012345\r\nOTHER=a$b\r\n"
    let result = try fix(text, named: ".env")
    #expect(
      result.text
        == "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=\"cs.0123456789abcdef\"\nDEMO_TOKEN='tk|AbCdEf012345'\nOTHER='a$b'\n"
    )
    let rules = Set(result.changes.map(\.ruleID))
    #expect(
      rules == [
        "file/bom", "file/crlf", "env/space-around-equals", "value/whitespace", "env/shell-unsafe", "env/interpolation",
      ])
    // Values are the same except the whitespace the trimming fix removed; the BOM no longer
    // hides the first name.
    #expect(
      result.after == [
        "-/DEMO_CLIENT_ID=cid.0123abcd", "-/DEMO_CLIENT_SECRET=cs.0123456789abcdef", "-/DEMO_TOKEN=tk|AbCdEf012345",
        "-/OTHER=a$b",
      ])
    let remaining = try demoLinter.lint(bytes: Array(result.text.utf8), file: ".env", permissions: 0o600)
    #expect(remaining.isEmpty, "\(positions(remaining))")
  }

  @Test func unsafeChangesAreNotMade() throws {
    // A comment that may be part of the value, a key in the wrong case, a value with a quote
    // (quoting would change it) and ${...} (expanded either way) are left for the person.
    let text =
      "DEMO_CLIENT_ID=cid.0123abcd # c\ndemo_client_secret=cs.0123456789abcdef\nDEMO_TOKEN=tk|Ab'CdEf012345\nX=${HOME}|y\n"
    let result = try fix(text, named: ".env")
    #expect(result.text == text)
    #expect(result.changes.isEmpty)
    let yaml = "default:\n  client_id: cid.0123 #abcd\n  client_secret: cs.0123456789abcdef\n"
    let yamlResult = try fix(yaml, named: "credentials.yml")
    #expect(yamlResult.text == yaml)
  }

  @Test func jsonFixesOnlyWholeFileProblems() throws {
    let text =
      "\u{FEFF}{\r\n  \"DEMO_CLIENT_ID\": \" cid.0123abcd\",\r\n  \"DEMO_CLIENT_SECRET\": \"cs.0123456789abcdef\"\r\n}\r\n"
    let result = try fix(text, named: "secret.json", mode: 0o640)
    #expect(
      result.text
        == "{\n  \"DEMO_CLIENT_ID\": \"cid.0123abcd\",\n  \"DEMO_CLIENT_SECRET\": \"cs.0123456789abcdef\"\n}\n")
    #expect(result.mode == 0o600)
  }

  @Test func permissionsOnlyFixDoesNotRewriteTheFile() throws {
    let folder = try temporaryFolder()
    let text = "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n"
    let path = try writeFile(text, named: "x.env", in: folder, mode: 0o604)
    let inode = (try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)?.intValue
    let (document, found) = try demoLinter.lintFile(path)
    let changes = try CredentialFixer(specs: demoSpecs).fix(document, diagnostics: found, mode: 0o604)
    #expect(changes.map(\.ruleID) == ["file/permissions"])
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    #expect((attributes[.systemFileNumber] as? NSNumber)?.intValue == inode, "chmod in place")
  }

  @Test func aStricterModeIsKept() throws {
    let text = "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n  token: yes\n"
    let result = try fix(text, named: "credentials.yml", mode: 0o400)
    #expect(result.mode == 0o400)
    #expect(result.text.contains("token: 'yes'"))
  }

  @Test func theRealGuideFixesAWindowsFileWithTrailingSpaceInQuotes() throws {
    let linter = try bundledLinter()
    let text =
      "default:\r\n  refresh_token: '\(Fake.refreshToken) '\r\n  lwa_app_id: \(Fake.appID)\r\n  lwa_client_secret: \(Fake.clientSecret)\r\n"
    let result = try fix(text, named: "credentials.yml", mode: 0o644, linter: linter)
    #expect(
      result.text
        == "default:\n  refresh_token: '\(Fake.refreshToken)'\n  lwa_app_id: \(Fake.appID)\n  lwa_client_secret: \(Fake.clientSecret)\n"
    )
    for change in result.changes {
      #expect(!change.description.contains("IwEBI"), "no value in the report")
    }
  }
}
