import OnboardDiagnostics
import Testing

struct SARIFReporterTests {
  private func log(_ diagnostics: [Diagnostic] = Fixtures.all) throws -> (JSONValue, String) {
    let output = SARIFReporter().report(diagnostics, rules: Fixtures.rules)
    return (JSONValue(try Fixtures.json(output)), output)
  }

  @Test func topLevel() throws {
    let (log, _) = try log()
    #expect(log["$schema"].string == "https://json.schemastore.org/sarif-2.1.0.json")
    #expect(log["version"].string == "2.1.0")
    #expect(log["runs"].array?.count == 1)
    let driver = log["runs"][0]["tool"]["driver"]
    #expect(driver["name"].string == "onboard")
    #expect(driver["version"].string == OnboardVersion.current)
    #expect(driver["informationUri"].string?.hasPrefix("https://") == true)
  }

  @Test func rulesListGivenRulesThenUnknownOnes() throws {
    let (log, _) = try log()
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
    let ids = (rules.array ?? []).compactMap { JSONValue($0)["id"].string }
    #expect(ids == ["guide/duplicate-id", "unused/rule", "yaml:odd,rule", "value/placeholder"])
    #expect(rules[0]["shortDescription"]["text"].string == "Step ids are unique.")
    #expect(
      rules[0]["fullDescription"]["text"].string
        == "Two steps share an id; references to it are ambiguous.")
    #expect(rules[0]["defaultConfiguration"]["level"].string == "error")
    // An empty help falls back to the summary; SARIF wants non-empty text.
    #expect(rules[1]["help"]["text"].string == "A rule with no findings.")
    #expect(rules[1]["defaultConfiguration"]["level"].string == "warning")
    #expect(rules[3]["defaultConfiguration"]["level"].string == "note")
  }

  @Test func results() throws {
    let (log, _) = try log()
    let results = log["runs"][0]["results"]
    #expect(results.array?.count == 3)

    let first = results[0]
    #expect(first["ruleId"].string == "guide/duplicate-id")
    #expect(first["ruleIndex"].int == 0)
    #expect(first["level"].string == "error")
    #expect(
      first["message"]["text"].string
        == "Step id \"connect\" is used twice. Fix: Rename one of the steps.")
    let location = first["locations"][0]["physicalLocation"]
    #expect(location["artifactLocation"]["uri"].string == "guides/my%20guide.md")
    #expect(location["region"]["startLine"].int == 12)
    #expect(location["region"]["startColumn"].int == 5)
    #expect(location["region"]["endLine"].int == 12)
    #expect(location["region"]["endColumn"].int == 14)

    let second = results[1]
    #expect(second["ruleId"].string == "yaml:odd,rule")
    #expect(second["ruleIndex"].int == 2)
    #expect(second["level"].string == "warning")
    #expect(
      second["message"]["text"].string
        == "100% sure,\nsecond line: with colon\r\nand 50% Fix: Use a, b: c.")
    let secondLocation = second["locations"][0]["physicalLocation"]
    #expect(secondLocation["artifactLocation"]["uri"].string == "creds/a%2Cb%3Ac.yml")
    #expect(secondLocation["region"]["startLine"].int == 3)
    #expect(secondLocation["region"]["startColumn"].int == 1)
    #expect(secondLocation["region"]["endLine"].isNull)

    #expect(results[2]["level"].string == "note")
    #expect(
      results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].string
        == "/abs/path/credentials.yml")
  }

  @Test func neverASnippet() throws {
    let (log, output) = try log()
    #expect(!log.allKeys.contains("snippet"))
    #expect(!output.contains("snippet"))
    #expect(!log.allKeys.contains("contextRegion"))
  }

  @Test func nonASCIIPathsArePercentEncodedAsUTF8() throws {
    let diagnostic = Diagnostic(
      severity: .error, ruleID: "r", message: "m",
      location: DiagnosticLocation(file: "dossier/été 100%.md", line: 1, column: 1))
    let (log, _) = try log([diagnostic])
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
      "uri"]
    #expect(uri.string == "dossier/%C3%A9t%C3%A9%20100%25.md")
  }

  @Test func emptyRunStillValid() throws {
    let output = SARIFReporter().report([], rules: [])
    let log = JSONValue(try Fixtures.json(output))
    #expect(log["runs"][0]["results"].array?.isEmpty == true)
    #expect(log["runs"][0]["tool"]["driver"]["rules"].array?.isEmpty == true)
  }

  @Test func customTool() throws {
    let tool = ToolInfo(name: "other", version: "9", informationURI: "https://example.com")
    let log = JSONValue(try Fixtures.json(SARIFReporter(tool: tool).report([], rules: [])))
    #expect(log["runs"][0]["tool"]["driver"]["name"].string == "other")
    #expect(log["runs"][0]["tool"]["driver"]["version"].string == "9")
  }

  private func region(_ log: JSONValue) -> JSONValue {
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
  }

  @Test func absolutePathsAreRelativeToTheRoot() throws {
    let diagnostic = Diagnostic(
      severity: .error, ruleID: "r", message: "m",
      location: DiagnosticLocation(file: "/work/repo/packets/a b/credentials.yml", line: 1, column: 1))
    let reporter = SARIFReporter(root: "/work/repo/", readSource: { _ in nil })
    let log = JSONValue(try Fixtures.json(reporter.report([diagnostic], rules: [])))
    #expect(region(log)["artifactLocation"]["uri"].string == "packets/a%20b/credentials.yml")
    // Outside the root: the absolute path stays (GitHub then cannot place it, but nothing is invented).
    let outside = SARIFReporter(root: "/elsewhere", readSource: { _ in nil })
    let outsideLog = JSONValue(try Fixtures.json(outside.report([diagnostic], rules: [])))
    #expect(region(outsideLog)["artifactLocation"]["uri"].string == "/work/repo/packets/a%20b/credentials.yml")
  }

  @Test func absolutePathsUnderTheCurrentFolderAreRelativeByDefault() throws {
    let current = FileSystemPath.currentDirectory()
    let diagnostic = Diagnostic(
      severity: .error, ruleID: "r", message: "m",
      location: DiagnosticLocation(file: current + "/sub/./x.env", line: 1, column: 1))
    let log = JSONValue(try Fixtures.json(SARIFReporter(readSource: { _ in nil }).report([diagnostic], rules: [])))
    #expect(region(log)["artifactLocation"]["uri"].string == "sub/x.env")
  }

  @Test func columnsAreCodePointsAsDeclared() throws {
    // "é" is two UTF-8 bytes and "😀" four: byte column 9 (the 'x') is code point column 5.
    let line = Array("é😀 :x y".utf8)
    let diagnostic = Diagnostic(
      severity: .error, ruleID: "r", message: "m",
      location: DiagnosticLocation(file: "f.yml", line: 2, column: 9, endLine: 2, endColumn: 12))
    let reporter = SARIFReporter(readSource: { _ in Array("first\n".utf8) + line + Array("\n".utf8) })
    let log = JSONValue(try Fixtures.json(reporter.report([diagnostic], rules: [])))
    #expect(log["runs"][0]["columnKind"].string == "unicodeCodePoints")
    #expect(region(log)["region"]["startColumn"].int == 5)
    #expect(region(log)["region"]["endColumn"].int == 8)
    #expect(SARIFReporter.codePointColumn(9, in: line) == 5)
    #expect(SARIFReporter.codePointColumn(1, in: line) == 1)
    // Past the end of the line (a missing newline reported after it), one column per byte.
    #expect(SARIFReporter.codePointColumn(line.count + 2, in: line) == 9)
    #expect(SARIFReporter.codePointColumn(8, in: nil) == 8)
  }
}
