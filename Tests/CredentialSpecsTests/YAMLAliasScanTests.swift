import Testing
import Yams

@testable import CredentialSpecs

/// The anchor and alias scan that runs before Yams on credential files and rosters (issue 13).
@Suite struct YAMLAliasScanTests {
  @Test(
    "Anchors and aliases are found where they start a node",
    arguments: [
      ("a: &x 1\n", 1, 4), ("a: *x\n", 1, 4), ("&x a: 1\n", 1, 1), ("- *x\n", 1, 3), ("? *x\n: 1\n", 1, 3),
      ("a: {b: *x}\n", 1, 8), ("a: [1, *x]\n", 1, 8), ("a: [\n  1,\n  *x]\n", 3, 3), ("a: !!str &x 1\n", 1, 10),
      ("a: 'q'\nb: *x\n", 2, 4), ("a: |\n  text *x\nb: *y\n", 3, 4), ("a: >\n\n  t\n\nb: &y 1\n", 5, 4),
      ("- a: |\n    t\n  b: *x\n", 3, 6), ("a: \"multi\n  line\"\nb: *x\n", 3, 4), ("--- *x\n", 1, 5),
      ("a: plain # c\n  *x\n", 2, 3), ("default: {*i: 1, *h: 2}\n", 1, 11), ("a:\n  - &x 1\n", 2, 5),
    ] as [(String, Int, Int)])
  func found(_ text: String, _ line: Int, _ column: Int) throws {
    let finding = try #require(YAMLAliasScan.first(in: text), "\(text.debugDescription)")
    #expect(finding.line == line && finding.column == column, "\(text.debugDescription): \(finding)")
  }

  @Test(
    "& and * inside text are not anchors or aliases",
    arguments: [
      "a: b&c\n", "a: b *c\n", "a: 'x *y &z'\n", "a: \"*y\"\n", "a: x # *y\n", "# &x\n", "a: |\n  *x\n  &y\n",
      "a: >-\n  &x\n\n  *y\nb: 1\n", "a: multi\n  *line plain\n", "a: 'it''s *x'\n", "a: \"esc \\\" *x\"\n",
      "url: https://x.example/?a=1&b=2\n", "a: [b&c, d*e]\n", "- id: a\n  name: Smith &Sons\n",
      "a: \"multi\n  *line\"\n",
    ])
  func notFound(_ text: String) throws {
    #expect(YAMLAliasScan.first(in: text) == nil, "\(text.debugDescription)")
    // Yams agrees: the text has no alias that resolves to another node.
    _ = try Yams.compose(yaml: text)
  }
}

/// Random YAML-like texts: whenever Yams reads one and finds an anchor, the scan finds one too
/// (a missed anchor could let an alias through to Yams).
@Suite struct YAMLAliasScanDifferentialTests {
  /// A small deterministic generator (xorshift), so failures reproduce.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state % UInt64(bound))
    }
  }

  static let pieces = [
    "a", "b: ", "- ", "? ", ": ", "&x ", "*x", "&y ", "*y", "'", "\"", "\\\"", "# c", "\n", "\n  ", "\n    ", "[", "]",
    "{", "}", ", ", "|", ">", "!!str ", "x&y", "x *y", " ", "--- ", "'&q'", "\"*q\"", "k&: v", "\n- ", "\n  - ",
  ]

  /// Whether a node or any node inside it carries an anchor.
  static func hasAnchor(_ node: Node) -> Bool {
    var stack = [node]
    while let current = stack.popLast() {
      if current.anchor != nil { return true }
      switch current {
      case .mapping(let mapping):
        for (key, value) in mapping {
          stack.append(key)
          stack.append(value)
        }
      case .sequence(let sequence): stack.append(contentsOf: sequence)
      case .scalar, .alias: break
      }
    }
    return false
  }

  @Test func theScanNeverMissesAnAnchorYamsFinds() {
    var generator = Generator(state: 0x9E37_79B9_7F4A_7C15)
    var composed = 0
    for _ in 0..<20_000 {
      var text = ""
      for _ in 0..<(3 + generator.next(10)) { text += Self.pieces[generator.next(Self.pieces.count)] }
      text += "\n"
      // Texts where an alias is a key could hang Yams; leave those to the scan alone.
      guard YAMLAliasScan.first(in: text) == nil else { continue }
      guard let node = try? Yams.compose(yaml: text, .basic, .default, .utf8) else { continue }
      composed += 1
      #expect(!Self.hasAnchor(node), "\(text.debugDescription)")
    }
    #expect(composed > 1_000)
  }
}
