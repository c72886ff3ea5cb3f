import CommonMark
import Testing

/// The data each kind carries: code block info/literal, link and image targets, list shape,
/// heading levels, plain text.
struct NodeDataTests {
  private func nodes(_ markdown: String) -> [MarkdownNode] {
    Array(MarkdownDocument.parse(markdown).root.descendants)
  }

  @Test func codeBlocks() {
    let all = nodes(
      "```swift  title=\"a b\"\nlet x = 1\n\n  indented\n```\n\n    four spaces\n    two lines\n\n~~~\n~~~\n"
    )
    let blocks: [(String, String)] = all.compactMap {
      if case .codeBlock(let info, let literal) = $0.kind {
        return (info, literal)
      } else {
        return nil
      }
    }
    #expect(blocks.count == 3)
    #expect(blocks.map(\.0) == ["swift  title=\"a b\"", "", ""])
    #expect(blocks.map(\.1) == ["let x = 1\n\n  indented\n", "four spaces\ntwo lines\n", ""])
  }

  @Test func codeBlockInfoIsUnescaped() {
    let kinds = nodes("``` py&amp;\\*\ncode\n```\n").map(\.kind)
    #expect(kinds == [.codeBlock(info: "py&*", literal: "code\n")])
  }

  @Test func linkDestinations() {
    let markdown = """
      [a](https://example.com/a?b=1&c=2 "T") [b](<with space.md>) [c][ref] [d](/p%20q) <https://auto.example>
      [e](\\(paren\\)) [f](&amp;x)

      [ref]: ./relative.md 'Ref title'
      """
    let links: [NodeKind] = nodes(markdown).compactMap {
      if case .link = $0.kind { return $0.kind } else { return nil }
    }
    #expect(
      links == [
        .link(destination: "https://example.com/a?b=1&c=2", title: "T"),
        .link(destination: "with space.md", title: ""),
        .link(destination: "./relative.md", title: "Ref title"),
        .link(destination: "/p%20q", title: ""),
        .link(destination: "https://auto.example", title: ""),
        .link(destination: "(paren)", title: ""),
        .link(destination: "&x", title: ""),
      ])
  }

  @Test func imageSourceAndAlt() throws {
    let document = MarkdownDocument.parse(
      "![Alt *with* `code` and [link](x)](shots/step-1.png \"Step 1\")\n")
    let image = try #require(
      document.root.descendants.first {
        if case .image = $0.kind { return true } else { return false }
      })
    #expect(image.kind == .image(source: "shots/step-1.png", title: "Step 1"))
    #expect(image.plainText == "Alt with code and link")
    #expect(image.range?.description == "1:1-1:61")
  }

  @Test func listInfo() {
    let infos: [ListInfo] = nodes("- a\n- b\n\n1. x\n\n2. y\n\n<!-- -->\n\n0042) z\n").compactMap {
      if case .list(let info) = $0.kind { return info } else { return nil }
    }
    #expect(
      infos == [
        ListInfo(ordered: false, start: 1, tight: true),
        ListInfo(ordered: true, start: 1, tight: false),
        ListInfo(ordered: true, start: 42, tight: true),
      ])
  }

  @Test func nestedListsAreChildrenOfItems() throws {
    let document = MarkdownDocument.parse("- a\n  1. b\n  2. c\n- d\n")
    let outer = try #require(document.root.children.first { _ in true })
    #expect(outer.kind == .list(ListInfo(ordered: false, start: 1, tight: true)))
    let items = Array(outer.children)
    #expect(items.count == 2)
    let inner = Array(items[0].children).map(\.kind)
    #expect(inner == [.paragraph, .list(ListInfo(ordered: true, start: 1, tight: true))])
  }

  @Test func headingLevels() {
    let levels: [Int] = nodes(
      "# 1\n## 2\n### 3\n#### 4\n##### 5\n###### 6\n####### no\n\nS1\n==\nS2\n--\n"
    ).compactMap {
      if case .heading(let level) = $0.kind { return level } else { return nil }
    }
    #expect(levels == [1, 2, 3, 4, 5, 6, 1, 2])
  }

  @Test func inlineKinds() {
    let kinds = nodes("*e* **s** `c` <span> &copy;\n\n<div>\nblock\n</div>\n\n---\n").map(\.kind)
    #expect(
      kinds == [
        .paragraph, .emphasis, .text("e"), .text(" "), .strong, .text("s"), .text(" "), .code("c"),
        // cmark merges the decoded entity into the neighbouring text.
        .text(" "), .htmlInline("<span>"), .text(" ©"),
        .htmlBlock("<div>\nblock\n</div>\n"), .thematicBreak,
      ])
    #expect(
      kinds.filter(\.isBlock) == [.paragraph, .htmlBlock("<div>\nblock\n</div>\n"), .thematicBreak])
  }

  @Test func plainText() throws {
    let document = MarkdownDocument.parse(
      "Run **`make`** in [the *repo*](x),\nthen  \nwait. <b>x</b>\n")
    let paragraph = try #require(document.root.children.first { _ in true })
    #expect(paragraph.plainText == "Run make in the repo, then wait. x")
    #expect(document.root.plainText == paragraph.plainText)
    let code = try #require(document.root.descendants.first { $0.kind == .code("make") })
    #expect(code.plainText == "make")
  }

  @Test func smartPunctuation() {
    let plain = MarkdownDocument.parse("\"a\" -- b\n").root.plainText
    let smart = MarkdownDocument.parse("\"a\" -- b\n", options: .smart).root.plainText
    #expect(plain == "\"a\" -- b")
    #expect(smart == "\u{201C}a\u{201D} \u{2013} b")
  }
}
