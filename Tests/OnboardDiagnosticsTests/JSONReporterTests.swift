import OnboardDiagnostics
import Testing

struct JSONReporterTests {
  @Test func parsesAndHasTheFields() throws {
    let output = JSONReporter().report(Fixtures.all, rules: Fixtures.rules)
    #expect(output.hasSuffix("}\n"))
    let report = JSONValue(try Fixtures.json(output))
    #expect(report["version"].int == 1)
    let diagnostics = try #require(report["diagnostics"].array)
    #expect(diagnostics.count == 3)

    let first = report["diagnostics"][0]
    #expect(first["file"].string == "guides/my guide.md")
    #expect(first["line"].int == 12)
    #expect(first["column"].int == 5)
    #expect(first["endLine"].int == 12)
    #expect(first["endColumn"].int == 14)
    #expect(first["severity"].string == "error")
    #expect(first["rule"].string == "guide/duplicate-id")
    #expect(first["message"].string == "Step id \"connect\" is used twice.")
    #expect(first["fix"].string == "Rename one of the steps.")
    #expect(
      first["notes"].array as? [String] == ["The first use is on line 4.", "Ids must be unique."])

    let second = report["diagnostics"][1]
    #expect(second["message"].string == "100% sure,\nsecond line: with colon\r\nand 50%")
    #expect(second["severity"].string == "warning")
    #expect(second["endLine"].isNull)
    #expect(second["notes"].array?.isEmpty == true)

    let third = report["diagnostics"][2]
    #expect(third["severity"].string == "note")
    #expect(third["fix"].isNull)
    #expect(third["file"].string == "/abs/path/credentials.yml")

    #expect(report["summary"]["errors"].int == 1)
    #expect(report["summary"]["warnings"].int == 1)
    #expect(report["summary"]["notes"].int == 1)
  }

  @Test func outputIsStableAndKeySorted() {
    let first = JSONReporter().report(Fixtures.all, rules: [])
    let second = JSONReporter().report(Fixtures.all, rules: [])
    #expect(first == second)
    // Keys are sorted, slashes unescaped.
    let columnIndex = first.range(of: "\"column\"")?.lowerBound
    let fileIndex = first.range(of: "\"file\"")?.lowerBound
    #expect(columnIndex != nil && fileIndex != nil)
    if let columnIndex, let fileIndex { #expect(columnIndex < fileIndex) }
    #expect(first.contains("guide/duplicate-id"))
  }

  @Test func emptyReport() throws {
    let report = JSONValue(try Fixtures.json(JSONReporter().report([], rules: [])))
    #expect(report["diagnostics"].array?.isEmpty == true)
    #expect(report["summary"]["errors"].int == 0)
  }

  @Test func jsonTextEncodesSortedWithNewline() {
    struct Sample: Encodable {
      var zeta = 1
      var alpha = "a/b"
    }
    #expect(JSONText.encode(Sample()) == "{\n  \"alpha\" : \"a/b\",\n  \"zeta\" : 1\n}\n")
  }
}
