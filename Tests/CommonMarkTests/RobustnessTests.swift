import CommonMark
import Testing

struct RobustnessTests {
  @Test func fiftyThousandNestedBlockQuotes() throws {
    let depth = 50_000
    let document = MarkdownDocument.parse(String(repeating: "> ", count: depth) + "x")
    // document + 50,000 quotes + paragraph + text.
    #expect(document.nodeCount == depth + 3)

    var count = 0
    var deepest: MarkdownNode?
    for node in document.root.descendants {
      count += 1
      deepest = node
    }
    #expect(count == depth + 2)
    let text = try #require(deepest)
    #expect(text.kind == .text("x"))
    #expect(text.range?.description == "1:\(2 * depth + 1)-1:\(2 * depth + 1)")

    // Climb back up: 50,000 quotes, a paragraph, then the document.
    var ancestors = 0
    var quotes = 0
    var current = text.parent
    while let node = current {
      ancestors += 1
      if node.kind == .blockQuote { quotes += 1 }
      current = node.parent
    }
    #expect(ancestors == depth + 2)
    #expect(quotes == depth)
    #expect(document.root.plainText == "x")
  }

  @Test func deeplyNestedRendersWithoutRecursionTrouble() {
    let html = CMarkRenderer.render(String(repeating: "> ", count: 50_000) + "x", as: .html)
    #expect(html.hasSuffix("<p>x</p>\n" + String(repeating: "</blockquote>\n", count: 50_000)))
  }

  @Test func deeplyNestedListsAndEmphasis() {
    let lists = MarkdownDocument.parse(
      (0..<2_000).map { String(repeating: "  ", count: $0) + "- item \($0)" }.joined(
        separator: "\n"))
    #expect(lists.root.descendants.filter { $0.kind == .item }.count == 2_000)
    let emphasis = MarkdownDocument.parse(
      String(repeating: "*a ", count: 10_000) + "x" + String(repeating: " a*", count: 10_000))
    #expect(emphasis.root.descendants.filter { $0.kind == .emphasis }.count == 10_000)
  }

  /// A large, varied document. 5 MB rather than 20 MB: a debug build needs 10-20 s and about
  /// 650 MB to turn 20 MB (2.8 million nodes) into a tree, too slow for the test suite; 5 MB
  /// exercises the same paths in a few seconds.
  @Test func largeDocument() {
    let chunk = """
      ## Section

      A paragraph with *emphasis*, **strong**, `code` and a [link](https://example.com/x).
      It has a soft break and ünïcödé 😀.

      - item one
      - item two with `code`

      ```sh
      echo hello
      ```

      > A quote.


      """
    let repeats = 5_000_000 / chunk.utf8.count + 1
    let text = String(repeating: chunk, count: repeats)
    #expect(text.utf8.count >= 5_000_000)
    let document = MarkdownDocument.parse(text)
    var headings = 0
    var nodes = 0
    for node in document.root.descendants {
      nodes += 1
      if case .heading = node.kind { headings += 1 }
    }
    #expect(headings == repeats)
    // 29 nodes a chunk (heading 2, paragraph 15, list 8, code block 1, quote 3), plus the document.
    #expect(document.nodeCount == 29 * repeats + 1)
    #expect(nodes == document.nodeCount - 1)
    // The last chunk's quote is where the arithmetic says it is.
    let lastQuote = document.root.children.reversed().first { _ in true }
    #expect(lastQuote?.kind == .blockQuote)
    #expect(lastQuote?.range?.start.line == 14 * (repeats - 1) + 13)
  }

  @Test func emptyAndBlankInputs() {
    for text in ["", "\n", "\n\n\n", "   ", "\r\n"] {
      let document = MarkdownDocument.parse(text)
      #expect(document.nodeCount == 1, "\(Array(text.utf8))")
      #expect(document.root.kind == .document)
      #expect(Array(document.root.children).isEmpty)
      #expect(document.root.plainText == "")
      #expect(CMarkRenderer.render(text, as: .html) == "")
    }
  }

  @Test func nulCharactersBecomeReplacementCharacters() throws {
    let markdown = "a\u{0}b *c*\n\u{0}# not a heading\n"
    let document = MarkdownDocument.parse(markdown)
    #expect(document.root.plainText == "a\u{FFFD}b c \u{FFFD}# not a heading")
    // cmark counts columns after replacing NUL with U+FFFD (3 bytes); SourceText stores the
    // same bytes, so slices still line up.
    let emphasis = try #require(document.root.descendants.first { $0.kind == .emphasis })
    #expect(emphasis.range?.description == "1:7-1:9")
    let source = SourceText(markdown)
    #expect(emphasis.range.map { source.text(in: $0) } == "*c*")
    #expect(source.line(2) == "\u{FFFD}# not a heading")
    #expect(
      CMarkRenderer.render(markdown, as: .html)
        == "<p>a\u{FFFD}b <em>c</em>\n\u{FFFD}# not a heading</p>\n")
  }

  @Test func invalidUTF8IsAlreadyRepairedByString() {
    // A Swift String is always valid UTF-8: decoding repairs the bytes before cmark sees them,
    // so `validateUTF8` changes nothing, and the output is valid UTF-8 either way.
    let raw: [UInt8] =
      Array("ok ".utf8) + [0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80] + Array(" *x*\n".utf8)
    let text = String(decoding: raw, as: UTF8.self)
    let plain = MarkdownDocument.parse(text)
    let validated = MarkdownDocument.parse(text, options: .validateUTF8)
    #expect(plain.root.descendants.map(\.kind) == validated.root.descendants.map(\.kind))
    #expect(plain.root.descendants.map(\.range) == validated.root.descendants.map(\.range))
    #expect(plain.root.plainText == "ok \u{FFFD}\u{FFFD}(\u{FFFD}\u{FFFD}\u{FFFD} x")
    let html = CMarkRenderer.render(text, as: .html)
    #expect(html == "<p>ok \u{FFFD}\u{FFFD}(\u{FFFD}\u{FFFD}\u{FFFD} <em>x</em></p>\n")
  }

  @Test func manyDocumentsConcurrently() async {
    await withTaskGroup(of: Int.self) { group in
      for index in 0..<32 {
        group.addTask {
          let document = MarkdownDocument.parse(
            "# \(index)\n\n" + String(repeating: "- *x*\n", count: 200))
          _ = CMarkRenderer.render("# \(index)", as: .html)
          return document.root.descendants.reduce(0) { count, _ in count + 1 }
        }
      }
      for await count in group {
        #expect(count == 2 + 1 + 200 * 4)
      }
    }
  }
}
