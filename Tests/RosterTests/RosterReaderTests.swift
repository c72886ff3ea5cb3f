import OnboardDiagnostics
import Testing

@testable import Roster

@Suite("Roster readers")
struct RosterReaderTests {
  @Test("YAML rows keep the line and column of every field")
  func yamlLocations() throws {
    let path = try TestSupport.file(
      """
      # comment
      - id: shop-de
        name: Shop DE
        marketplace: DE
        owner:
          name: Ann
          email: ann@example.com

      - id: shop-jp
        marketplace:   JP
        credentials:
          lwa_app_id: x
      """, named: "r.yml")
    let (records, problems) = try RosterReader.readAll(path)
    #expect(problems.isEmpty)
    #expect(records.count == 2)
    #expect(records[0].row == 1)
    #expect(records[0].location.line == 2 && records[0].location.column == 1)
    let name = try #require(records[0].field("name"))
    #expect(name.location.line == 3 && name.location.column == 3)
    #expect(name.valueLocation.line == 3 && name.valueLocation.column == 9)
    let marketplace = try #require(records[1].field("marketplace"))
    #expect(marketplace.location.line == 10 && marketplace.valueLocation.column == 18)
    guard case .mapping(let credentials) = try #require(records[1].field("credentials")).value else {
      Issue.record("credentials is not a mapping")
      return
    }
    #expect(credentials.first?.valueLocation.line == 12)
    #expect(credentials.first?.valueLocation.column == 17)
  }

  @Test("A YAML syntax error names its line and column, and reading goes on")
  func yamlSyntaxError() throws {
    let path = try TestSupport.file(
      """
      - id: a
        name: "unterminated
      - id: b
        name: fine
      """, named: "bad.yml")
    let (records, problems) = try RosterReader.readAll(path)
    #expect(records.map { $0.field("id")?.value } == [.text("b")])
    let problem = try #require(problems.first)
    #expect(problem.ruleID == RosterRules.syntax)
    #expect(problem.location.file == path)
    #expect(problem.location.line == 2 || problem.location.line == 3)
    #expect(!problem.message.contains("unterminated"))
  }

  @Test("A YAML duplicate key is reported at its position")
  func yamlDuplicateKey() throws {
    let path = try TestSupport.file("- id: a\n  name: x\n  name: y\n", named: "dup.yml")
    let (_, problems) = try RosterReader.readAll(path)
    let problem = try #require(problems.first)
    #expect(problem.location.line == 3 && problem.location.column == 3)
    #expect(problem.ruleID == RosterRules.duplicateField)
  }

  @Test("A YAML row that is not a mapping is a shape error")
  func yamlShape() throws {
    let path = try TestSupport.file("- just text\n- id: b\n", named: "shape.yml")
    let (records, problems) = try RosterReader.readAll(path)
    #expect(records.count == 1)
    #expect(problems.first?.ruleID == RosterRules.shape)
    #expect(problems.first?.location.line == 1)
  }

  @Test("A flow-style YAML list is read whole")
  func yamlFlow() throws {
    let path = try TestSupport.file("[{id: a, marketplace: US}, {id: b}]\n", named: "flow.yml")
    let (records, problems) = try RosterReader.readAll(path)
    #expect(problems.isEmpty)
    #expect(records.count == 2)
    #expect(records[1].field("id")?.location.column == 29)
  }

  @Test("YAML nulls are absent fields; quoted text stays text")
  func yamlNulls() throws {
    let path = try TestSupport.file("- id: a\n  account: ~\n  name: 'null'\n  extra: 007\n", named: "n.yml")
    let (records, _) = try RosterReader.readAll(path)
    #expect(records[0].field("account") == nil)
    #expect(records[0].field("name")?.value == .text("null"))
    #expect(records[0].field("extra")?.value == .text("007"))
  }

  @Test("CSV follows RFC 4180 and keeps line and column of cells")
  func csv() throws {
    let path = try TestSupport.file(
      "\u{FEFF}id,name,marketplace,notes\r\nshop-de,\"Shop, \"\"DE\"\"\",DE,\"two\nlines\"\r\n\r\nshop-jp,Shop JP,JP,\n",
      named: "r.csv")
    let (records, problems) = try RosterReader.readAll(path)
    #expect(problems.isEmpty)
    #expect(records.count == 2)
    #expect(records[0].field("name")?.value == .text("Shop, \"DE\""))
    #expect(records[0].field("notes")?.value == .text("two\nlines"))
    #expect(records[0].field("marketplace")?.location.line == 2)
    #expect(records[0].field("marketplace")?.location.column == 24)
    #expect(records[1].location.line == 5)
    #expect(records[1].field("notes") == nil)
    #expect(records[1].row == 2)
  }

  @Test("CSV errors: too many cells, text after a closing quote, an unclosed quote")
  func csvErrors() throws {
    let path = try TestSupport.file("id,name\na,b,c\n\"x\"y,z\nok,fine\n\"open,\n", named: "bad.csv")
    let (records, problems) = try RosterReader.readAll(path)
    #expect(records.count == 1)
    #expect(problems.count == 3)
    #expect(problems[0].location.line == 2 && problems[0].location.column == 5)
    #expect(problems[1].location.line == 3 && problems[1].location.column == 4)
    #expect(problems[2].location.line == 5 && problems[2].location.column == 1)
    #expect(problems.allSatisfy { $0.ruleID == RosterRules.syntax })
  }

  @Test("A missing roster file is an I/O error naming the path")
  func missingFile() {
    #expect(throws: RosterIOError.self) { _ = try RosterReader.readAll("/nonexistent/roster.yml") }
  }

  @Test("The example rosters read the same as YAML and CSV")
  func examples() throws {
    let yaml = try RosterReader.readAll(TestSupport.root + "/examples/sellers.yml")
    let csv = try RosterReader.readAll(TestSupport.root + "/examples/sellers.csv")
    #expect(yaml.problems.isEmpty && csv.problems.isEmpty)
    let decoder = SellerDecoder(credentialKeys: ["lwa_app_id", "lwa_client_secret", "refresh_token"])
    let fromYAML = yaml.records.compactMap { decoder.decode($0).seller }
    let fromCSV = csv.records.compactMap { decoder.decode($0).seller }
    #expect(fromYAML.count == 5)
    #expect(fromYAML.map(\.id) == fromCSV.map(\.id))
    #expect(fromYAML.map(\.account) == fromCSV.map(\.account))
    #expect(fromYAML.map(\.owner) == fromCSV.map(\.owner))
    #expect(fromYAML.map(\.knownCredentials) == fromCSV.map(\.knownCredentials))
    #expect(fromYAML.map(\.credentialSource) == fromCSV.map(\.credentialSource))
  }
}
