import CommonMark
import Testing

struct SourceTextTests {
  @Test func lineIndexWithLFAndCRLFAndNoFinalNewline() {
    let source = SourceText("one\r\ntwo é\nthree\r\n\r\nlast")
    #expect(source.lineCount == 5)
    // "one\r\n" is 5 bytes, "two é\n" 7, "three\r\n" 7, "\r\n" 2.
    #expect(source.lineStarts == [0, 5, 12, 19, 21])
    #expect((1...5).map { source.line($0) } == ["one", "two é", "three", "", "last"])
    #expect(source.line(0) == "")
    #expect(source.line(6) == "")
  }

  @Test func loneCarriageReturnEndsALine() {
    // CommonMark (and cmark) treat a lone CR as a line ending.
    let source = SourceText("a\rb\r\nc\r")
    #expect(source.lineStarts == [0, 2, 5, 7])
    #expect((1...4).map { source.line($0) } == ["a", "b", "c", ""])
  }

  @Test func finalNewlineGivesAnEmptyLastLine() {
    let source = SourceText("a\n")
    #expect(source.lineCount == 2)
    #expect(source.line(2) == "")
    #expect(SourceText("").lineCount == 1)
    #expect(SourceText("").line(1) == "")
  }

  @Test func offsetsAndLocationsRoundTrip() {
    let text = "héllo\r\nwörld 😀\nend"
    let source = SourceText(text)
    #expect(source.bytes == Array(text.utf8))
    for offset in 0...source.bytes.count {
      let location = source.location(ofOffset: offset)
      #expect(source.offset(of: location) == offset, "offset \(offset) -> \(location)")
    }
    #expect(source.location(ofOffset: 0) == SourceLocation(line: 1, column: 1))
    // "héllo" is 6 bytes, "\r\n" 2 more: line 2 starts at 8.
    #expect(source.location(ofOffset: 6).description == "1:7")
    #expect(source.location(ofOffset: 8).description == "2:1")
    #expect(source.offset(of: SourceLocation(line: 3, column: 1)) == source.lineStarts[2])
  }

  @Test func outOfRangeLocationsAreClamped() {
    let source = SourceText("ab\ncd")
    #expect(source.offset(of: SourceLocation(line: 0, column: 0)) == 0)
    #expect(source.offset(of: SourceLocation(line: 99, column: 1)) == 3)
    #expect(source.offset(of: SourceLocation(line: 2, column: 99)) == 5)
    #expect(source.location(ofOffset: -4).description == "1:1")
    #expect(source.location(ofOffset: 100).description == "2:3")
  }

  @Test func textInRanges() {
    let source = SourceText("line one\r\nsecond 😀 line\nlast")
    #expect(
      source.text(in: SourceRange(start: .init(line: 1, column: 6), end: .init(line: 1, column: 8)))
        == "one")
    #expect(
      source.text(in: SourceRange(start: .init(line: 1, column: 6), end: .init(line: 2, column: 6)))
        == "one\r\nsecond")
    // The emoji is bytes 8...11 of line 2.
    #expect(
      source.text(
        in: SourceRange(start: .init(line: 2, column: 8), end: .init(line: 2, column: 11))) == "😀")
    #expect(
      source.text(
        in: SourceRange(start: .init(line: 3, column: 1), end: .init(line: 3, column: 99)))
        == "last")
    // An inverted range is empty.
    #expect(
      source.text(in: SourceRange(start: .init(line: 2, column: 3), end: .init(line: 2, column: 1)))
        == "")
  }

  @Test func rangesFromCMarkSliceCRLFSources() {
    let markdown = "# Title\r\n\r\nSome *text* here\r\nand `more`\r\n"
    let document = MarkdownDocument.parse(markdown)
    let source = SourceText(markdown)
    let slices = document.root.descendants.compactMap { node -> String? in
      switch node.kind {
      case .heading, .emphasis, .code, .paragraph: return node.range.map { source.text(in: $0) }
      default: return nil
      }
    }
    #expect(slices == ["# Title", "Some *text* here\r\nand `more`", "*text*", "more"])
  }

  @Test func loneCRSourcesSliceLikeCMark() throws {
    let markdown = "intro\r## Heading\rbody *x*\r"
    let document = MarkdownDocument.parse(markdown)
    let source = SourceText(markdown)
    let heading = try #require(document.root.children.first { $0.kind == .heading(level: 2) })
    let range = try #require(heading.range)
    #expect(range.start.line == 2)
    #expect(source.text(in: range) == "## Heading")
    #expect(source.line(range.start.line) == "## Heading")
    let emphasis = try #require(document.root.descendants.first { $0.kind == .emphasis })
    #expect(emphasis.range.map { source.text(in: $0) } == "*x*")
  }

  @Test func bytesInitRepairsInvalidUTF8LikeString() {
    let raw: [UInt8] = [0x61, 0xFF, 0x62, 0x0A, 0xC3]
    let source = SourceText(bytes: raw)
    let repaired = String(decoding: raw, as: UTF8.self)
    #expect(source.bytes == Array(repaired.utf8))
    #expect(source.line(1) == "a\u{FFFD}b")
    #expect(source.line(2) == "\u{FFFD}")
  }
}
