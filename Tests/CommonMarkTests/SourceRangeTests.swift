import CommonMark
import Testing

/// Columns are 1-based UTF-8 byte offsets with an inclusive end.
struct SourceRangeTests {
  private func firstNode(
    in markdown: String, where predicate: (NodeKind) -> Bool
  ) -> MarkdownNode? {
    MarkdownDocument.parse(markdown).root.descendants.first { predicate($0.kind) }
  }

  private func range(ofText literal: String, in markdown: String) -> SourceRange? {
    firstNode(in: markdown) { $0 == .text(literal) }?.range
  }

  @Test func columnsCountUTF8Bytes() {
    // "é" is 2 bytes, "😀" 4, "日本" 3 each.
    let markdown = "é *x* 😀 *y* 日本 *z*\n"
    let document = MarkdownDocument.parse(markdown)
    let emphasis = document.root.descendants.filter { $0.kind == .emphasis }.compactMap(\.range)
    #expect(emphasis.map(\.description) == ["1:4-1:6", "1:13-1:15", "1:24-1:26"])
    #expect(range(ofText: "é ", in: markdown)?.description == "1:1-1:3")
    #expect(range(ofText: " 😀 ", in: markdown)?.description == "1:7-1:12")
    #expect(range(ofText: " 日本 ", in: markdown)?.description == "1:16-1:23")
    // The slices are the marked-up text, byte for byte.
    let source = SourceText(markdown)
    #expect(emphasis.map { source.text(in: $0) } == ["*x*", "*y*", "*z*"])
  }

  @Test func multiByteOnLaterLines() {
    let markdown = "first\n\n## Überschrift 📦\n\n中文段落 `代码`\n"
    let heading = firstNode(in: markdown) {
      if case .heading = $0 { return true } else { return false }
    }
    #expect(heading?.range?.description == "3:1-3:20")
    let code = firstNode(in: markdown) { $0 == .code("代码") }
    // The code span's range excludes the backticks: 4 CJK characters and a space = 13 bytes,
    // the backtick is byte 14, so the content is bytes 15...20.
    #expect(code?.range?.description == "5:15-5:20")
  }

  @Test func breaksHaveNoRange() {
    let document = MarkdownDocument.parse("soft\nbreak and hard  \nbreak\\\nend\n")
    let breaks = document.root.descendants.filter { $0.kind == .softBreak || $0.kind == .lineBreak }
    #expect(breaks.map(\.kind) == [.softBreak, .lineBreak, .lineBreak])
    #expect(breaks.allSatisfy { $0.range == nil })
    // Every other node has one.
    #expect(document.root.descendants.filter { $0.range == nil }.count == 3)
  }

  @Test func endAtBlankLineIsClampedToColumnOne() {
    // cmark reports the first item as ending at "2:0" (the blank line).
    let document = MarkdownDocument.parse("- a\n\n- b\n")
    let items = document.root.descendants.filter { $0.kind == .item }
    #expect(items.compactMap(\.range).map(\.description) == ["1:1-2:1", "3:1-3:3"])
  }

  @Test func emptyDocumentRangeIsNotInverted() {
    // cmark says "1:1-0:0".
    let range = MarkdownDocument.parse("").root.range
    #expect(range?.description == "1:1-1:1")
  }

  @Test func crlfAndLoneCRLineEndings() {
    let crlf = MarkdownDocument.parse("# A\r\n\r\ntext é\r\n")
    #expect(
      crlf.root.descendants.compactMap(\.range).map(\.description) == [
        "1:1-1:3", "1:3-1:3", "3:1-3:7", "3:1-3:7",
      ])
    // A lone carriage return ends a line too (CommonMark), so the heading is on line 3.
    let cr = MarkdownDocument.parse("a\rb\r# h\r")
    let heading = cr.root.children.first {
      if case .heading = $0.kind { return true } else { return false }
    }
    #expect(heading?.range?.description == "3:1-3:3")
  }

  @Test func locationsCompareByLineThenColumn() {
    let a = SourceLocation(line: 1, column: 9)
    let b = SourceLocation(line: 2, column: 1)
    let c = SourceLocation(line: 2, column: 3)
    #expect(a < b && b < c && !(c < a))
    #expect([c, a, b].sorted() == [a, b, c])
    #expect(SourceRange(start: a, end: c).description == "1:9-2:3")
  }
}
