import Testing

@testable import Roster

/// The roster the splice benchmarks generate reads the way every YAML roster does.
@Suite("Generated rosters")
struct GeneratedRosterTests {
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

  @Test("The generated benchmark roster is read without Yams and gives Yams' records")
  func generatedRoster() throws {
    let path = try TestSupport.file(SplicedRenderingTests.roster(count: 60), named: "gen.yml")
    let fast = try read(path, direct: true)
    let yams = try read(path, direct: false)
    #expect(fast.direct > 30)
    #expect(fast.items.map(description) == yams.items.map(description))
  }
}
