import Foundation
import GuideKit
import OnboardDiagnostics
import Roster
import Testing

@testable import Packets

/// Rosters far outside normal sizes and shapes (issue 7). Each must be read without crashing,
/// row by row, with diagnostics at the right place. How time and memory grow with the roster's
/// size is measured by scripts/bench/packets.sh and scripts/bench/pathological.sh.
@Suite("Pathological rosters")
struct PathologicalRosterTests {
  /// The billion-laughs anchors, indented by `indent` spaces.
  static func aliasBomb(indent: String) -> String {
    var yaml = "\(indent)a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      yaml += "\(indent)\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
      previous = name
    }
    return yaml
  }

  /// Checks a roster the way `onboard packets` does before writing anything.
  static func check(_ text: String, named name: String) throws -> PacketGenerator.CheckResult {
    let generator = PacketGenerator(
      guide: try TestSupport.bundledGuide(), templates: try TestSupport.templates(),
      options: .init(outputDirectory: "/nonexistent-onboard-tests"))
    return try generator.check(roster: try TestSupport.file(text, named: name))
  }

  @Test("an alias bomb inside one seller's entry ends at once, and the alias is refused")
  func aliasBombInEntry() throws {
    let roster = "- id: shop\n  marketplace: DE\n" + Self.aliasBomb(indent: "  ") + "  name: *i\n"
    let result = try Self.check(roster, named: "roster.yml")
    #expect(result.sellerCount == 1)
    #expect(!result.diagnostics.isEmpty)
    // Anchors and aliases are refused (issue 13), at the first anchor.
    #expect(
      result.diagnostics.contains { $0.ruleID == RosterRules.alias && $0.location.line == 3 },
      "\(result.diagnostics.map(\.message))")
    for diagnostic in result.diagnostics {
      #expect(diagnostic.message.utf8.count < 500)
      #expect(!diagnostic.message.contains("lol"))
    }
  }

  @Test("an alias bomb in a flow roster (read whole) ends at once with diagnostics")
  func aliasBombInFlowRoster() throws {
    let anchors = Self.aliasBomb(indent: "").split(separator: "\n").joined(separator: ", ")
    let roster = "[{id: shop, marketplace: DE, \(anchors), name: *i}]\n"
    let result = try Self.check(roster, named: "roster.yml")
    #expect(!result.diagnostics.isEmpty)
    for diagnostic in result.diagnostics { #expect(diagnostic.message.utf8.count < 500) }
  }

  @Test(
    "an alias bomb used as mapping keys in a seller's entry ends at once with a diagnostic", .timeLimit(.minutes(1)))
  func aliasBombAsKeys() throws {
    let roster = "- id: shop\n  marketplace: DE\n" + Self.aliasBomb(indent: "  ") + "  ? *i\n  : 1\n  ? *h\n  : 2\n"
    let result = try Self.check(roster, named: "roster.yml")
    let alias = try #require(result.diagnostics.first { $0.ruleID == RosterRules.alias })
    #expect(alias.location.line == 3 && alias.location.column == 6, "\(alias.location)")
    // The aliases alone (no anchors), in a flow mapping read whole.
    let flow = try Self.check("[{id: shop, marketplace: DE, *i: 1}]\n", named: "roster.yml")
    #expect(flow.diagnostics.map(\.ruleID) == [RosterRules.alias])
    #expect(flow.diagnostics.first?.location.column == 30)
  }

  @Test("one seller with 20,000 fields on one line keeps every field's byte column")
  func longFlowLine() throws {
    let names = (0..<20_000).map { "é_\($0)" }
    let line = "- {id: shop, " + names.map { "\($0): v" }.joined(separator: ", ") + "}"
    let (records, problems) = try RosterReader.readAll(try TestSupport.file(line + "\n", named: "roster.yml"))
    #expect(problems.isEmpty)
    let record = try #require(records.first)
    #expect(record.fields.count == 20_001)
    let expected = ("- {id: shop, " + names.dropLast().map { "\($0): v, " }.joined()).utf8.count + 1
    #expect(record.fields.last?.location.column == expected)
  }

  @Test("a 1 MB cell is read whole, in YAML and in CSV")
  func megabyteCell() throws {
    let name = String(repeating: "n", count: 1_000_000)
    let yaml = try RosterReader.readAll(try TestSupport.file("- id: shop\n  name: \(name)\n", named: "roster.yml"))
    #expect(yaml.records.first?.field("name")?.value == .text(name))
    let csv = try RosterReader.readAll(try TestSupport.file("id,name\nshop,\(name)\n", named: "roster.csv"))
    #expect(csv.records.first?.field("name")?.value == .text(name))
  }

  @Test("a roster of 1,000,000 rows streams through the reader row by row")
  func millionRows() throws {
    let folder = try TestSupport.temporaryFolder("million")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/roster.csv"
    // Written in chunks and read one row at a time: neither side holds the roster.
    #expect(FileManager.default.createFile(atPath: path, contents: Data("id,marketplace\n".utf8)))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seekToEnd()
    for chunk in 0..<100 {
      var text = ""
      for row in (chunk * 10_000)..<((chunk + 1) * 10_000) { text += "s\(row),DE\n" }
      try handle.write(contentsOf: Data(text.utf8))
    }
    try handle.close()

    let source = try RosterReader.open(path)
    var rows = 0
    var problems = 0
    var last: RosterRecord?
    while let item = source.next() {
      switch item {
      case .record(let record):
        rows += 1
        last = record
      case .problem: problems += 1
      }
    }
    #expect(rows == 1_000_000)
    #expect(problems == 0)
    #expect(last?.row == 1_000_000)
    #expect(last?.location.line == 1_000_001)
    #expect(last?.field("id")?.value == .text("s999999"))
  }
}
