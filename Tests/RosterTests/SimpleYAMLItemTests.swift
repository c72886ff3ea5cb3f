import OnboardDiagnostics
import Testing

@testable import Roster

/// Items of the usual shape are read without Yams; they must give the records Yams gives,
/// with the same locations, and everything else must still go to Yams.
@Suite("YAML items read without Yams")
struct SimpleYAMLItemTests {
  func read(_ path: String, direct: Bool) throws -> (items: [RosterItem], direct: Int) {
    let reader = try YAMLRosterReader(path: path)
    reader.readsSimpleItemsDirectly = direct
    var items: [RosterItem] = []
    while let item = reader.next() { items.append(item) }
    return (items, reader.itemsReadDirectly)
  }

  func description(_ item: RosterItem) -> String {
    switch item {
    case .record(let record): return "\(record)"
    case .problem(let diagnostic): return "problem \(diagnostic.ruleID) \(diagnostic.location) \(diagnostic.message)"
    }
  }

  @Test("Simple items give Yams' records, locations included")
  func sameAsYams() throws {
    let simple = """
      # A roster.
      - id: shop-de
        name: Shop DE, Ltd. & Sons <x> no#1 a#b c:d é 日本
        marketplace: DE
        owner:
          name: Ann O'Neil
          email: ann@example.com

        credential_source: env
      - id: shop-jp
        name: 'It''s # a | b: c'
        marketplace:   JP
        account: ''
        # a comment between fields
        credentials:
          lwa_app_id: amzn1.application-oa2-client.0123456789abcdef0123456789abcdef
          refresh_token:
      - id: s3
        name: ~
        team: null
        note: NULL
        empty:
        owner:
      - id: s4
        name: x.y-z_1 2
        owner:
          name: Null
          email: ~
      """
    let path = try TestSupport.file(simple, named: "simple.yml")
    let fast = try read(path, direct: true)
    let yams = try read(path, direct: false)
    #expect(fast.direct == 4)
    #expect(yams.direct == 0)
    #expect(fast.items.map(description) == yams.items.map(description))
  }

  @Test(
    "Other YAML goes to Yams and reads the same",
    arguments: [
      "- id: a\n  name: \"double \\u00e9 \\n quoted\"\n  marketplace: US\n",
      "- id: a\n  name: plain # trailing comment\n",
      "- id: a\n  name: |\n    block\n",
      "- id: a\n  name: folded\n    continued\n",
      "- id: a\n  name: x\n  name: y\n",
      "- id: a\n  owner:\n    name: x\n    name: y\n",
      "- id: a\n  tags: [x, y]\n",
      "- id: a\n  tags:\n    - x\n",
      "- id: &anchor a\n  name: *anchor\n",
      "- id: a\n  name: !!str 12\n",
      "- id: a\n  name:\tx\n",
      "- id: a\n  name: trailing  \n",
      "- id: a\n  yes: 1\n",
      "- id: a\n  'quoted key': 1\n",
      "-   id: a\n    name: wide\n",
      "- id: a\n   name: odd indent\n",
      "- id: a\n  name: 'unclosed\n",
      "- id: a\n  name: ends with colon:\n",
      "- id: a\n  name: -5\n",
      "- id: a\n  name: x: y\n",
      "- id: a\n  name: 'a' b\n",
      "- id: a\n  name: \u{85}nel\n",
      "- id: a\n  owner:\n    name:\n      deep: x\n",
    ])
  func fallsBackToYams(_ text: String) throws {
    let path = try TestSupport.file(text, named: "other.yml")
    let fast = try read(path, direct: true)
    let yams = try read(path, direct: false)
    #expect(fast.direct == 0, "\(text)")
    #expect(fast.items.map(description) == yams.items.map(description), "\(text)")
  }
}
