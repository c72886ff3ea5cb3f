import CommonMark
import Testing

struct TreeDumpTests {
  /// Headings, inline markup with multi-byte text, a link, a soft break, a code span with emoji,
  /// an ordered list starting at 3 that ends at a blank line, and a fence inside a quote.
  static let source = """
    # Title *é*

    Para with [a link](http://x.y "t") and
    `code` 😀.

    3. one
    4. two

    > ```sh
    > echo hi
    > ```

    """

  @Test func goldenDump() {
    let document = MarkdownDocument.parse(Self.source)
    // Ranges as `cmark --sourcepos -t xml` prints them, except that the list and its last item
    // end at "8:0" (the blank line), which the wrapper clamps to column 1.
    let expected = """
      document 1:1-11:5
        heading(1) 1:1-1:12
          text "Title " 1:3-1:8
          emph 1:9-1:12
            text "é" 1:10-1:11
        paragraph 3:1-4:12
          text "Para with " 3:1-3:10
          link "http://x.y" "t" 3:11-3:34
            text "a link" 3:12-3:17
          text " and" 3:35-3:38
          softbreak -
          code "code" 4:2-4:5
          text " 😀." 4:7-4:12
        list(ordered start=3 tight) 6:1-8:1
          item 6:1-6:6
            paragraph 6:4-6:6
              text "one" 6:4-6:6
          item 7:1-8:1
            paragraph 7:4-7:6
              text "two" 7:4-7:6
        block_quote 9:1-11:5
          code_block "sh" "echo hi\\n" 9:3-11:5

      """
    #expect(TreeDump.dump(document.root) == expected)
    #expect(document.nodeCount == 22)
  }

  @Test func rangesSliceTheSource() {
    let document = MarkdownDocument.parse(Self.source)
    let text = SourceText(Self.source)
    var slices: [String] = []
    for node in document.root.descendants {
      switch node.kind {
      case .text, .emphasis, .link, .code, .heading, .codeBlock:
        if let range = node.range { slices.append(text.text(in: range)) }
      default: break
      }
    }
    #expect(
      slices == [
        "# Title *é*", "Title ", "*é*", "é", "Para with ", "[a link](http://x.y \"t\")", "a link",
        " and", "code", " 😀.", "one", "two", "```sh\n> echo hi\n> ```",
      ])
  }
}
