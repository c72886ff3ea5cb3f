import GuideKit
import OnboardDiagnostics
import Testing

/// Every guide rule fires on its triggering examples, exactly where each example marks it, and
/// not on its non-triggering ones.
@Suite struct GuideRuleCatalogueTests {
  static let entries = GuideRuleCatalogue.entries

  @Test(arguments: entries.map(\.descriptor.id))
  func ruleFiresOnItsExamples(_ id: String) throws {
    let entry = try #require(Self.entries.first { $0.descriptor.id == id })
    for example in entry.triggering {
      let marked = MarkedExample(example)
      let result = try load(marked.text)
      #expect(!result.findings(id).isEmpty, "rule \(id) should fire on:\n\(marked.text)")
      for finding in result.findings(id) {
        #expect(finding.severity == entry.descriptor.defaultSeverity || id == GuideRules.unknownAttribute)
      }
      #expect(!marked.positions.isEmpty, "rule \(id): mark where it fires with ↓ in:\n\(marked.text)")
      let found = Set(result.findings(id).map { MarkPosition(line: $0.location.line, column: $0.location.column) })
      let expected = Set(marked.positions.map { MarkPosition(line: $0.line, column: $0.column) })
      #expect(
        found == expected, "rule \(id) fires at \(found.sorted()), marked at \(expected.sorted()) in:\n\(example)")
    }
    for example in entry.nonTriggering {
      let marked = MarkedExample(example)
      #expect(marked.positions.isEmpty, "a non-triggering example of \(id) has a ↓ marker")
      let result = try load(marked.text)
      #expect(result.findings(id).isEmpty, "rule \(id) should not fire on:\n\(example)\n\(result.findings(id))")
    }
  }

  @Test func markersAreTakenOutWithTheirPositions() {
    let marked = MarkedExample("ab↓c\n↓d ↓é↓\n")
    #expect(marked.text == "abc\nd é\n")
    #expect(marked.positions.map(\.line) == [1, 2, 2, 2])
    // Columns count UTF-8 bytes, as diagnostics do: é is two.
    #expect(marked.positions.map(\.column) == [3, 1, 3, 5])
  }

  @Test func ruleIDsAreUnique() {
    let ids = Self.entries.map(\.descriptor.id)
    #expect(Set(ids).count == ids.count)
  }

  @Test func everyRuleHasAnExampleOrAReason() {
    for entry in Self.entries where entry.triggering.isEmpty {
      // Rules about bytes (not UTF-8) and I/O are tested with files in GuideInputTests.
      #expect(
        [GuideRules.notUTF8, GuideRules.io].contains(entry.descriptor.id),
        "\(entry.descriptor.id) needs a triggering example")
    }
  }
}

/// A line and column, comparable for sorted messages.
private struct MarkPosition: Hashable, Comparable, CustomStringConvertible {
  var line: Int
  var column: Int
  static func < (left: Self, right: Self) -> Bool { (left.line, left.column) < (right.line, right.column) }
  var description: String { "\(line):\(column)" }
}

/// A rule example with its `↓` markers taken out: the text, and where each marker was (the
/// 1-based line and the UTF-8 column of the character after it, as diagnostics count).
struct MarkedExample {
  var text: String
  var positions: [(line: Int, column: Int)] = []

  init(_ example: String) {
    let marker = Array("↓".utf8)
    var bytes: [UInt8] = []
    var line = 1
    var lineStart = 0
    let utf8 = Array(example.utf8)
    var offset = 0
    while offset < utf8.count {
      if utf8[offset...].starts(with: marker) {
        positions.append((line, bytes.count - lineStart + 1))
        offset += marker.count
        continue
      }
      bytes.append(utf8[offset])
      if utf8[offset] == UInt8(ascii: "\n") {
        line += 1
        lineStart = bytes.count
      }
      offset += 1
    }
    text = String(decoding: bytes, as: UTF8.self)
  }
}
