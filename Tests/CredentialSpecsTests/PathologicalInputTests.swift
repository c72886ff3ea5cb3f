import CredentialSpecs
import OnboardDiagnostics
import Testing

/// Credentials blocks and YAML positions far outside normal sizes (issue 7).
@Suite("Pathological credentials blocks")
struct PathologicalCredentialsBlockTests {
  /// The byte column of a scalar column, counted the slow, obvious way.
  static func byteColumn(_ line: String, scalarColumn: Int) -> Int {
    let scalars = Array(line.unicodeScalars)
    let before = max(0, min(scalarColumn - 1, scalars.count))
    let bytes = scalars[..<before].reduce(0) { $0 + String($1).utf8.count }
    return bytes + 1 + max(0, scalarColumn - 1 - scalars.count)
  }

  @Test("YAMLPosition gives byte columns on long lines, ASCII or not, before and past the end")
  func positionsOnLongLines() {
    let lines = [
      String(repeating: "é", count: 100_000) + "x",
      String(repeating: "a", count: 100_000),
      "a€😀" + String(repeating: "b", count: 130) + "😀",
      "",
    ]
    let position = YAMLPosition(file: "f.yml", text: lines.joined(separator: "\n"), lineOffset: 3, columnOffset: 2)
    for (index, line) in lines.enumerated() {
      let length = line.unicodeScalars.count
      for column in [0, 1, 2, 63, 64, 65, 66, 129, 130, length - 1, length, length + 1, length + 5] where column >= 0 {
        let location = position.location(line: index + 1, scalarColumn: column)
        #expect(location.line == index + 4)
        #expect(
          location.column == Self.byteColumn(line, scalarColumn: column) + 2,
          "line \(index + 1) scalar column \(column)")
      }
    }
    #expect(position.location(line: 1, scalarColumn: 100_001).column == 200_001 + 2)
  }

  @Test("YAMLPosition follows its lines when they are replaced")
  func positionsAfterReplacingLines() {
    var position = YAMLPosition(file: "f.yml", text: "abc")
    position.lines = ["ééé"]
    #expect(position.location(line: 1, scalarColumn: 3).column == 5)
    position.lines = ["abc"]
    #expect(position.location(line: 1, scalarColumn: 3).column == 3)
  }

  @Test("a flow mapping of 20,000 specs on one line reads every spec with its byte column")
  func longFlowLine() {
    let keys = (0..<20_000).map { "clé_\($0)" }
    let line = "{" + keys.map { "\($0): {title: T}" }.joined(separator: ", ") + "}"
    let (specs, diagnostics) = CredentialSpecParser.parse(line, position: YAMLPosition(file: "guide.md", text: line))
    #expect(diagnostics.isEmpty)
    #expect(specs.specs.count == keys.count)
    let expected = ("{" + keys.dropLast().map { "\($0): {title: T}, " }.joined()).utf8.count + 1
    #expect(specs.specs.last?.location?.column == expected)
  }

  @Test("10,000 specs in a block are all read, each at its line")
  func tenThousandSpecs() {
    let yaml = (0..<10_000).map { "key_\($0):\n  title: Key \($0)\n  env: KEY_\($0)\n" }.joined()
    let (specs, diagnostics) = CredentialSpecParser.parse(
      yaml, position: YAMLPosition(file: "guide.md", text: yaml, lineOffset: 10))
    #expect(diagnostics.isEmpty)
    #expect(specs.specs.count == 10_000)
    #expect(specs.specs.last?.location?.line == 10 + 3 * 9_999 + 1)
  }

  @Test("an alias bomb in a credentials block ends at once with a diagnostic")
  func aliasBomb() {
    var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
      previous = name
    }
    yaml += "key:\n  title: *i\n"
    let (_, diagnostics) = CredentialSpecParser.parse(yaml, position: YAMLPosition(file: "guide.md", text: yaml))
    #expect(!diagnostics.isEmpty)
    #expect(diagnostics.count < 30)
    for diagnostic in diagnostics { #expect(diagnostic.message.utf8.count < 500) }
  }
}
