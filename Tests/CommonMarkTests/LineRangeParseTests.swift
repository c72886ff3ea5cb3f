import CommonMark
import Testing

/// `MarkdownDocument.parse(_:lines:)` parses some lines of a source with the whole source's line
/// numbers: cut before a `##` heading that nothing crosses, the parts hold the whole's blocks.
struct LineRangeParseTests {
  static let markdown = """
    # Title

    Intro with *emph* and `code`.

    1. item one
       - nested [link](#x)

       > quote
    2. item two

    ## Second

    Para é
    with a soft break.

    ```
    code
    ```

    ## Third
    last
    """

  @Test func partsHoldTheWholesBlocks() {
    let source = SourceText(Self.markdown)
    let whole = MarkdownDocument.parse(source)
    for cut in [11, 21] {
      let first = MarkdownDocument.parse(source, lines: 1..<cut)
      let second = MarkdownDocument.parse(source, lines: cut..<(source.lineCount + 1))
      let parts = (Array(first.root.children) + Array(second.root.children)).map(TreeDump.dump)
      #expect(parts == whole.root.children.map(TreeDump.dump), "cut at line \(cut)")
      #expect(second.root.children.first(where: { _ in true })?.range?.start.line == cut)
    }
  }

  @Test func linesAreClamped() {
    let source = SourceText("a\n\nb\n")
    #expect(
      MarkdownDocument.parse(source, lines: 0..<2).root.children.map(TreeDump.dump) == [
        "paragraph 1:1-1:1\n  text \"a\" 1:1-1:1\n"
      ])
    #expect(MarkdownDocument.parse(source, lines: 3..<99).root.children.map { $0.range?.start.line } == [3])
    #expect(MarkdownDocument.parse(source, lines: 9..<12).root.children.map { $0.type } == [])
  }
}
