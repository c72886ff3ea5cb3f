import CredentialLint
import OnboardDiagnostics
import Testing

/// Exact line:column (1-based, UTF-8 bytes) of findings in each format.
@Suite struct PositionTests {
  @Test func yamlPositionsPointAtTheToken() throws {
    let text = """
      version: 1.0
      default:
        client_id: 0123
        client_secret: cs.01234567 #89abcdef
        clientid: cid.0123abcd
      client_secret: cs.0123456789abcdef

      """
    let found = try lint(text, "credentials.yml")
    #expect(
      positions(found) == [
        "1:10 yaml/version-type",
        "2:1 schema/optional-absent",
        "3:14 yaml/implicit-type",
        "4:18 value/format",
        "4:30 yaml/comment-truncation",
        "5:3 schema/unknown-key",
        "6:1 schema/account-shape",
      ])
    let implicit = try #require(found.first { $0.ruleID == "yaml/implicit-type" })
    #expect(implicit.location.endLine == 3 && implicit.location.endColumn == 18)
  }

  @Test func yamlDuplicatesReportEveryLine() throws {
    let text = """
      default:
        client_id: cid.0123abcd
        client_secret: cs.0123456789abcdef
        client_id: cid.0123abce
      shop:
        client_id: cid.0123abcd
        client_secret: cs.0123456789abcdef
        token: tk|AbCdEf012345
      default:
        client_id: cid.0123abcf
        client_secret: cs.0123456789abcdee
        token: tk|AbCdEf012345

      """
    let found = try lint(text, "credentials.yml").filter { $0.ruleID == "yaml/duplicate-key" }
    #expect(positions(found) == ["4:3 yaml/duplicate-key", "9:1 yaml/duplicate-key"])
    #expect(found[0].message.contains("lines 2, 4"))
    #expect(found[1].message.contains("lines 1, 9"))
    #expect(found[1].message.contains("drops"))
    // The values PyYAML keeps (the second section) are the ones checked.
    let all = try lint(text, "credentials.yml")
    #expect(!all.contains { $0.ruleID == "schema/optional-absent" })
  }

  @Test func yamlMultibyteColumnsCountBytes() throws {
    // "é" is two bytes: the value after it starts at byte column 16, not 15.
    let text =
      "default:\n  # café\n  client_id: \"cid.0123abcd\u{200B}\"\n  client_secret: cs.0123456789abcdef\n  token: tk|é\n"
    let found = try lint(text, "credentials.yml")
    #expect(positions(found).contains("3:14 value/invisible-char"))
    // `tk|é` is shorter than the token's min-length: that is what is said of it, not its format.
    #expect(positions(found).contains("5:10 value/too-short"))
  }

  @Test func yamlSyntaxErrorPositionAndNoQuotedText() throws {
    let text = "default:\n  client_id: cid.0123abcd\n\tclient_secret: SECRETVALUE\n"
    let found = try lint(text, "credentials.yml")
    let syntax = try #require(found.first { $0.ruleID == "yaml/syntax" })
    #expect(syntax.location.line == 3)
    #expect(!syntax.message.contains("SECRETVALUE"))
  }

  @Test func yamlWithBOMCountsColumnsAfterTheMark() throws {
    let text = "\u{FEFF}default:\n  client_id: 0123\n  client_secret: cs.0123456789abcdef\n"
    let found = try lint(text, "credentials.yml")
    #expect(positions(found).contains("1:1 file/bom"))
    #expect(positions(found).contains("2:14 yaml/implicit-type"))
  }

  @Test func dotenvPositions() throws {
    let text = """
      DEMO_CLIENT_ID = cid.0123abcd
      export DEMO_CLIENT_SECRET=cs.0123456789abcdef # the secret
      DEMO_TOKEN=tk|AbCdEf012345
      DEMO_TOKEN: x
      demo_client_id=cid.0123abcd
      DEMO_CLIENT_SECRET=cs.0123${HOME}456789abcdef

      """
    let found = try lint(text, ".env")
    #expect(
      positions(found)
        == [
          "1:15 env/space-around-equals",
          "2:47 env/inline-comment",
          "3:14 env/shell-unsafe",
          "4:1 env/unparsable",
          "5:1 schema/key-case",
          "6:1 env/duplicate-key",
          "6:27 env/interpolation",
          "6:20 value/format",
        ].sorted { lhs, rhs in
          let l = lhs.split(separator: " ")[0].split(separator: ":").map { Int($0) ?? 0 }
          let r = rhs.split(separator: " ")[0].split(separator: ":").map { Int($0) ?? 0 }
          return (l[0], l[1], String(lhs)) < (r[0], r[1], String(rhs))
        })
    let interpolation = try #require(found.first { $0.ruleID == "env/interpolation" })
    #expect(interpolation.severity == .error)
    #expect(interpolation.location.endColumn == 34)
  }

  @Test func dotenvAccounts() throws {
    let text = """
      DEMO_CLIENT_ID=cid.0123abcd
      DEMO_CLIENT_SECRET=cs.0123456789abcdef
      DEMO_CLIENT_ID_shop=cid.0123abce
      DEMO_TOKEN_outlet='tk|AbCdEf012345'
      DEMO_TOKEN_mall='tk|AbCdEf012345'
      DEMO_CLIENT_SECRET_mall=

      """
    let found = try lint(text, ".env")
    #expect(
      positions(found) == [
        "3:1 schema/account-fallback-mix",
        "5:1 schema/account-fallback-mix",
        "6:25 schema/account-incomplete",
      ])
  }

  @Test func jsonPositions() throws {
    let text =
      "{\n  \"DEMO_CLIENT_ID\": 123,\n  \"DEMO_CLIENT_SECRET\": \"cs.0123456789abcdef\",\n  \"DEMO_CLIENT_ID\": \"cid.0123abcd\"\n}\n"
    let found = try lint(text, "secret.json")
    #expect(positions(found) == ["1:1 schema/optional-absent", "4:3 json/duplicate-key"])
    let nonString = try lint(
      "{\"DEMO_CLIENT_ID\": 123, \"DEMO_CLIENT_SECRET\": \"cs.0123456789abcdef\"}", "secret.json")
    #expect(positions(nonString) == ["1:1 schema/optional-absent", "1:20 json/non-string"])
    #expect(nonString[0].severity == .note)
    let trailing = try lint("{\n  \"DEMO_CLIENT_ID\": \"cid.0123abcd\",\n}\n", "secret.json")
    #expect(positions(trailing) == ["3:1 json/syntax"])
    let comment = try lint("{\n  \"DEMO_CLIENT_ID\": \"cid.0123abcd\" // id\n}\n", "secret.json")
    #expect(positions(comment) == ["2:36 json/syntax"])
  }

  @Test func fileLevelPositions() throws {
    let found = try lint(
      "DEMO_CLIENT_ID=cid.0123abcd\r\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\r\n", ".env", mode: 0o664
    )
    .filter { $0.ruleID != "schema/optional-absent" }
    #expect(positions(found) == ["1:1 file/permissions", "1:28 file/crlf"])
    #expect(found[0].severity == .error)
    #expect(found[1].message.hasPrefix("2 lines end with CRLF"))
  }

  @Test func formatIsDetectedFromNameAndContent() throws {
    let yaml = "default:\n  client_id: 0123\n  client_secret: cs.0123456789abcdef\n"
    #expect(try lint(yaml, "creds").contains { $0.ruleID == "yaml/implicit-type" })
    let env = "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\nDEMO_TOKEN=tk|AbCdEf012345\n"
    #expect(try lint(env, "settings").contains { $0.ruleID == "env/shell-unsafe" })
    #expect(try lint(env, "shop.env").contains { $0.ruleID == "env/shell-unsafe" })
    #expect(try lint("{\"DEMO_CLIENT_ID\": 1}", "whatever").contains { $0.ruleID == "json/non-string" })
    #expect(try lint(env, "x.yml", as: "env").contains { $0.ruleID == "env/shell-unsafe" })
    #expect(throws: FormatDetector.UnknownFormat.self) { try lint(env, "x", as: "toml") }
  }
}
