import Foundation
import GuideKit
import OnboardDiagnostics
import Roster
import Testing

@testable import PacketPlanning
@testable import Packets

/// Issue 13: roster text that must be refused or described rather than passed on or printed.
@Suite("Roster safety")
struct RosterSafetyTests {
  /// A secret-looking text (a refresh token's shape) used as names and values.
  static let canary = "Atzr|IwEBIcanaryROSTERsecret0123456789"
  static let tokenLike = "IwEBIcanaryROSTERsecret0123456789"

  func check(_ text: String, named name: String = "roster.yml") throws -> PacketGenerator.CheckResult {
    let guide = try TestSupport.bundledGuide()
    let path = try TestSupport.file(text, named: name)
    let generator = PacketGenerator(
      guide: guide, templates: try TestSupport.templates(), options: .init(outputDirectory: "/nonexistent"))
    return try generator.check(roster: path)
  }

  func file(_ bytes: [UInt8], named name: String) throws -> String {
    let folder = try TestSupport.temporaryFolder("bytes")
    let path = folder + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test("Invalid UTF-8 in a YAML roster is refused at its line and byte column", arguments: [true, false])
  func invalidUTF8InYAML(simple: Bool) throws {
    // Plain values take the fast reader; a double-quoted value goes to Yams.
    let value: [UInt8] = simple ? Array("  name: abc".utf8) : Array("  name: \"abc".utf8)
    let bytes =
      Array("- id: a\n  marketplace: US\n- id: b\n  marketplace: US\n".utf8) + value + [0xFF]
      + Array((simple ? "def\n" : "def\"\n").utf8)
    let path = try file(bytes, named: "roster.yml")
    let guide = try TestSupport.bundledGuide()
    let generator = PacketGenerator(
      guide: guide, templates: try TestSupport.templates(), options: .init(outputDirectory: "/nonexistent"))
    let result = try generator.check(roster: path)
    let problem = try #require(result.diagnostics.first { $0.ruleID == RosterRules.encoding })
    #expect(problem.location.line == 5)
    #expect(problem.location.column == (simple ? 12 : 13))
    #expect(problem.severity == .error)
    // Nothing holds U+FFFD.
    let (records, _) = try RosterReader.readAll(path)
    for record in records {
      for field in record.fields { #expect(field.value != .text("abc\u{FFFD}def")) }
    }
  }

  @Test("Invalid UTF-8 in a CSV roster is refused at its line and byte column")
  func invalidUTF8InCSV() throws {
    let plain = Array("id,marketplace,name\na,US,ok\nb,US,abc".utf8) + [0xC3, 0x28] + Array("def\n".utf8)
    let quoted = Array("id,marketplace,name\na,US,\"x\"\"y\nab".utf8) + [0xE2, 0x82] + Array("\"\n".utf8)
    for (bytes, line, column) in [(plain, 3, 9), (quoted, 3, 3)] {
      let path = try file(bytes, named: "roster.csv")
      let (records, problems) = try RosterReader.readAll(path)
      let problem = try #require(problems.first)
      #expect(problem.ruleID == RosterRules.encoding)
      #expect(problem.location.line == line && problem.location.column == column, "\(problem.location)")
      for record in records {
        for field in record.fields {
          if case .text(let text) = field.value { #expect(!text.contains("\u{FFFD}")) }
        }
      }
    }
  }

  @Test("An empty roster is an error", arguments: ["", "# only a comment\n", "[]\n", "---\n"])
  func emptyYAMLRoster(_ text: String) throws {
    let result = try check(text)
    #expect(result.diagnostics.map(\.ruleID) == [RosterRules.empty])
    #expect(result.diagnostics.first?.location.line == 1)
  }

  @Test("A CSV roster with only a header is an error")
  func emptyCSVRoster() throws {
    let result = try check("id,marketplace\n", named: "roster.csv")
    #expect(result.diagnostics.map(\.ruleID) == [RosterRules.empty])
  }

  @Test(
    "A field named as a variable onboard fills itself is an error at its value, in YAML and CSV",
    arguments: ["output", "guide_id", "credentials_file", "known_credentials"])
  func reservedField(_ name: String) throws {
    let yaml = try check("- id: a\n  marketplace: US\n  \(name): mine\n")
    let problem = try #require(yaml.diagnostics.first)
    #expect(yaml.diagnostics.map(\.ruleID) == [RosterRules.reservedField])
    #expect(problem.location.line == 3 && problem.location.column == 5 + name.count)
    #expect(problem.message.contains("'\(name)'") && problem.fix?.contains("Rename the field") == true)
    let csv = try check("id,marketplace,\(name)\na,US,mine\n", named: "roster.csv")
    #expect(csv.diagnostics.map(\.ruleID) == [RosterRules.reservedField])
    // The roster's own standard fields and other extra fields are fine.
    let fine = try check("- id: a\n  marketplace: US\n  account: shop_a\n  support_email: a@example.com\n")
    #expect(fine.diagnostics.filter { $0.severity == .error }.isEmpty)
  }

  @Test("credentials: with text instead of a mapping is an error at its line")
  func credentialsAsText() throws {
    let result = try check("- id: a\n  marketplace: US\n  credentials: lwa_app_id=abc\n")
    let problem = try #require(result.diagnostics.first)
    #expect(problem.ruleID == RosterRules.invalidField)
    #expect(problem.location.line == 3 && problem.location.column == 16)
    #expect(!problem.message.contains("abc"))
  }

  @Test("Secret-shaped credentials: keys, field names and marketplace values are described, not quoted")
  func secretShapedNamesAreNotQuoted() throws {
    let rosters = [
      // an unknown credentials: key
      "- id: a\n  marketplace: US\n  credentials:\n    \(Self.tokenLike): x\n",
      // the same field twice (CSV header)
      "id,marketplace,\(Self.tokenLike),\(Self.tokenLike)\na,US,1,2\n",
      // a field that must be text
      "- id: a\n  marketplace: US\n  \(Self.tokenLike): [1, 2]\n",
      // an owner field
      "- id: a\n  marketplace: US\n  owner:\n    \(Self.tokenLike): x\n",
      // a marketplace value
      "- id: a\n  marketplace: '\(Self.canary)'\n",
      // a duplicate key in a seller's entry (Yams)
      "- id: a\n  marketplace: US\n  \(Self.tokenLike): \"x\"\n  \(Self.tokenLike): \"y\"\n",
    ]
    for (index, roster) in rosters.enumerated() {
      let result = try check(roster, named: index == 1 ? "roster.csv" : "roster.yml")
      #expect(!result.diagnostics.isEmpty, "roster \(index)")
      for diagnostic in result.diagnostics {
        let text = ([diagnostic.message, diagnostic.fix ?? ""] + diagnostic.notes).joined(separator: "\n")
        #expect(!text.contains(Self.tokenLike), "roster \(index): \(text)")
        #expect(!text.contains("IwEBI"), "roster \(index): \(text)")
      }
    }
  }

  @Test(
    "A leading U+FEFF in a roster credential value is kept and reported, in every YAML style",
    arguments: [
      "\u{FEFF}amzn1.application-oa2-client.0123456789abcdef0123456789abcdef",
      "'\u{FEFF}amzn1.application-oa2-client.0123456789abcdef0123456789abcdef'",
      "\"\u{FEFF}amzn1.application-oa2-client.0123456789abcdef0123456789abcdef\"",
      "\"\\uFEFFamzn1.application-oa2-client.0123456789abcdef0123456789abcdef\"",
    ])
  func leadingByteOrderMarkInAValue(_ written: String) throws {
    let roster = "- id: a\n  marketplace: US\n  credentials:\n    lwa_app_id: \(written)\n"
    let (records, _) = try RosterReader.readAll(try TestSupport.file(roster, named: "roster.yml"))
    guard case .mapping(let entries)? = records.first?.field("credentials")?.value else {
      Issue.record("no credentials mapping")
      return
    }
    #expect(entries.first?.value == .text("\u{FEFF}amzn1.application-oa2-client.0123456789abcdef0123456789abcdef"))
    let result = try check(roster)
    #expect(
      result.diagnostics.contains {
        $0.ruleID == RosterRules.credentialValue && $0.message.contains("value/invisible-char")
      }, "\(result.diagnostics.map(\.message))")
  }

  @Test("A note about the introduction reads 'The introduction', not 'The the introduction'")
  func introductionNote() throws {
    let metadata = GuideMetadata(
      id: "synthetic", title: "Synthetic", version: "2", location: SyntheticGuide.location(1))
    let step = Step(
      id: "a1", hasExplicitID: true, stageID: "A", number: 1, title: "First", titleMarkdown: "First",
      location: SyntheticGuide.location(10))
    let guide = Guide(
      file: "synthetic.md", metadata: metadata, title: "Synthetic",
      introduction: [Block(markdown: "Hello {{nickname}}.", location: SyntheticGuide.location(3))],
      stages: [
        Stage(id: "A", hasExplicitID: true, title: "A", number: 1, location: SyntheticGuide.location(9), steps: [step])
      ])
    // A missing text variable is a warning (packets/missing-value) with a note saying where it is.
    let diagnostics: [Diagnostic]
    switch PacketPlanner(guide: guide).plan(Seller(id: "s")) {
    case .success(let plan): diagnostics = plan.warnings
    case .failure(let list): diagnostics = list.diagnostics
    }
    #expect(!diagnostics.isEmpty)
    let notes = diagnostics.flatMap(\.notes)
    #expect(notes.contains { $0.hasPrefix("The introduction is at ") }, "\(notes)")
    #expect(!notes.contains { $0.contains("The the") })
  }
}
