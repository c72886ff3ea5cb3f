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
    ("closed fence", "```\ncode\n```", 1),
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
  /// whole's blocks; a part whose end the cut may have changed sends the whole to one piece,
  /// and nothing read of the parts is used.
  @Test(arguments: [
    ("plain", "", true),
    ("open fence", "```\ncode", false),
    ("setext heading", "Title\n=====", false),
  ])
  func manyPartsReadAsParsed(name: String, middle: String, inParts: Bool) {
    let source = SourceText(Self.guide(middle: middle))
    let whole = Self.blocks([MarkdownDocument.parse(source)])
    let parsed = GuideParse.parse(source, threshold: 0, partBytes: 100) { index, document in
      (index, document.root.children.first(where: { _ in true })?.range?.start.line, Self.blocks([document]))
    }
    switch parsed {
    case .parts(let parts):
      #expect(inParts, "\(name)")
      let cuts = GuideParse.cutLines(source, parts: GuideParse.partCount(bytes: source.bytes.count, partBytes: 100))
      #expect(parts.count == cuts.count + 1 && parts.count > 8, "\(name)")
      #expect(parts.map(\.0) == Array(0..<parts.count), "\(name)")
      #expect(parts.flatMap(\.2) == whole, "\(name)")
      // Each later part starts at its cut, a `##` line.
      #expect(parts.dropFirst().map(\.1) == cuts.map { Optional($0) }, "\(name)")
    case .whole(let document):
      #expect(!inParts, "\(name)")
      #expect(Self.blocks([document]) == whole, "\(name)")
    }
  }
}
