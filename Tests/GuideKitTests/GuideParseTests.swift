import CommonMark
import Testing

@testable import GuideKit

/// A large guide is parsed in parts at once only where the parts hold the whole's blocks.
@Suite struct GuideParseTests {
  /// Sections of a stage each, and `middle` inserted just before the `##` line the cut lands on.
  static func guide(middle: String = "", end: String = "") -> String {
    var sections: [String] = []
    for index in 1...20 {
      sections.append("## Stage \(index)\n\n1. Step with **bold** and `code`.\n\n   More text.\n")
    }
    sections.insert(middle, at: 10)
    return "# Title\n\n" + sections.joined(separator: "\n") + end
  }

  /// Every node below the roots, with its kind and range.
  static func blocks(_ documents: [MarkdownDocument]) -> [String] {
    documents.flatMap { document in
      document.root.descendants.map { "\($0.kind) \($0.range.map { "\($0)" } ?? "-")" }
    }
  }

  @Test(arguments: [
    ("plain", "", 2),
    ("paragraph before the cut", "Text just above.", 2),
    ("open fence", "```\ncode", 1),
    ("fence in an item", "1. item\n\n   ```\n   code", 1),
    ("closed fence", "```\ncode\n```", 2),
    ("fence closed by a longer one", "```\ncode\n`````", 2),
    ("fence not closed by a shorter one", "````\ncode\n```", 1),
    ("fence not closed by the other character", "```\ncode\n~~~", 1),
    ("fence line indented as content", "```\ncode\n    ```", 1),
    ("closed fence in a quote", "> ```\n> code\n> ```", 2),
    ("closed fence in an item", "1. item\n\n   ```\n   code\n   ```", 2),
    ("HTML block", "<!--\ncomment", 1),
    ("setext heading", "Title\n=====", 1),
    ("list", "- a\n- b\n\n  c", 2),
  ])
  func cutsOnlyWhereNothingCrosses(name: String, middle: String, parts: Int) {
    let source = SourceText(Self.guide(middle: middle))
    let documents = GuideParse.parse(source, threshold: 0)
    #expect(documents.count == parts, "\(name)")
    #expect(Self.blocks(documents) == Self.blocks([MarkdownDocument.parse(source)]), "\(name)")
  }

  @Test func referenceDefinitionsKeepOnePiece() {
    let source = SourceText(Self.guide(middle: "See [ref].", end: "\n[ref]: https://example.com\n"))
    #expect(GuideParse.cutLine(source) == nil)
    #expect(GuideParse.parse(source, threshold: 0).count == 1)
  }

  @Test func oneLineGuidesKeepOnePiece() {
    for text in ["", "## Only a heading", String(repeating: "word ", count: 100_000)] {
      let source = SourceText(text)
      #expect(GuideParse.cutLine(source) == nil)
      #expect(GuideParse.parse(source, threshold: 0).count == 1)
    }
  }

  @Test func smallGuidesKeepOnePiece() {
    #expect(GuideParse.parse(SourceText(Self.guide()), threshold: 1 << 20).count == 1)
  }

  /// Cuts for many parts are `##` lines in order, each at or after its share of the lines.
  @Test func cutsForManyParts() {
    let source = SourceText(Self.guide())
    let cuts = GuideParse.cutLines(source, parts: 4)
    #expect(cuts.count == 3)
    #expect(cuts == cuts.sorted() && Set(cuts).count == cuts.count)
    for (k, line) in cuts.enumerated() {
      #expect(line >= source.lineCount * (k + 1) / 4)
      let start = source.lineStarts[line - 1]
      #expect(Array(source.bytes[start..<(start + 3)]) == Array("## ".utf8))
    }
    #expect(GuideParse.cutLine(source) == GuideParse.cutLines(source, parts: 2).first)
  }

  /// In many parts, each part is read right after it is parsed, and the parts hold the
  /// whole's blocks; a part whose end the cut may have changed is parsed again joined with the
  /// parts after it, until a join ends closed (an open fence takes in the rest of the guide).
  @Test(arguments: [
    ("plain", "", 0),
    ("closed fence", "```\ncode\n```", 0),
    ("fence not closed by a shorter one", "````\ncode\n```", 1),
    ("setext heading", "Title\n=====", 1),
    ("open fence", "```\ncode", 5),
  ])
  func manyPartsReadAsParsed(name: String, middle: String, joinedAtLeast: Int) {
    let source = SourceText(Self.guide(middle: middle))
    let whole = Self.blocks([MarkdownDocument.parse(source)])
    let parsed = GuideParse.parse(source, threshold: 0, partBytes: 100) { index, document in
      (index, document.root.children.first(where: { _ in true })?.range?.start.line, Self.blocks([document]))
    }
    guard case .parts(let parts) = parsed else {
      Issue.record("\(name): parsed in one piece")
      return
    }
    let cuts = GuideParse.cutLines(source, parts: GuideParse.partCount(bytes: source.bytes.count, partBytes: 100))
    #expect(cuts.count > 8, "\(name)")
    // Parts are joined where a cut fell right after the inserted block, and only there.
    if joinedAtLeast == 0 {
      #expect(parts.count == cuts.count + 1, "\(name)")
    } else {
      #expect(parts.count <= cuts.count + 1 - joinedAtLeast, "\(name)")
    }
    #expect(parts.first?.0 == 0 && parts.map(\.0) == parts.map(\.0).sorted(), "\(name)")
    #expect(parts.flatMap(\.2) == whole, "\(name)")
    // Each later part starts at a cut, a `##` line.
    for part in parts.dropFirst() {
      #expect(part.1 == cuts[part.0 - 1], "\(name)")
    }
  }
}
