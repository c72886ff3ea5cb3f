import CommonMark
import Testing

/// `descendants`, `children`, `parent` and `nextSibling` agree with each other.
struct TraversalTests {
  static let markdown = """
    # Heading with *emph*

    > quote
    > - item **one**
    >   - nested `code`
    > - item two

    Para [link](x) and ![img](y)

    ```
    code
    ```
    """

  /// The reference walk: recursive pre-order over `children`.
  private func recursiveWalk(_ node: MarkdownNode, into result: inout [MarkdownNode]) {
    for child in node.children {
      result.append(child)
      recursiveWalk(child, into: &result)
    }
  }

  @Test func forEachDescendantVisitsTheTypesInPreOrder() {
    let document = MarkdownDocument.parse(Self.markdown)
    for node in [document.root] + Array(document.root.descendants) {
      var links: [MarkdownNode] = []
      node.forEachDescendant(ofType: .link) { links.append($0) }
      #expect(links == node.descendants(ofType: .link))
      var both: [MarkdownNode] = []
      node.forEachDescendant(ofType: .image, or: .code) { both.append($0) }
      #expect(both == node.descendants.filter { $0.type == .image || $0.type == .code })
    }
  }

  @Test func descendantsArePreOrder() {
    let document = MarkdownDocument.parse(Self.markdown)
    // From the root and from every inner node, including ones with later siblings, whose walk
    // must stop at the end of their own subtree.
    for node in [document.root] + Array(document.root.descendants) {
      var expected: [MarkdownNode] = []
      recursiveWalk(node, into: &expected)
      #expect(Array(node.descendants) == expected, "\(node.kind)")
    }
    #expect(document.root.descendants.reduce(0) { count, _ in count + 1 } == document.nodeCount - 1)
  }

  @Test func leafHasNoDescendants() throws {
    let document = MarkdownDocument.parse("a\n\n---\n")
    let rule = try #require(document.root.descendants.first { $0.kind == .thematicBreak })
    #expect(Array(rule.descendants).isEmpty)
    #expect(Array(rule.children).isEmpty)
    #expect(Array(MarkdownDocument.parse("").root.descendants).isEmpty)
  }

  @Test func parentsAndSiblingsMatchChildren() {
    let document = MarkdownDocument.parse(Self.markdown)
    #expect(document.root.parent == nil)
    #expect(document.root.nextSibling == nil)
    for node in [document.root] + Array(document.root.descendants) {
      let children = Array(node.children)
      for (offset, child) in children.enumerated() {
        #expect(child.parent == node)
        let expectedNext = offset + 1 < children.count ? children[offset + 1] : nil
        #expect(child.nextSibling == expectedNext)
      }
    }
  }

  @Test func nodesAreHashableByIdentity() {
    let first = MarkdownDocument.parse("same\n")
    let second = MarkdownDocument.parse("same\n")
    let a = Array(first.root.descendants)
    let b = Array(second.root.descendants)
    #expect(a.map(\.kind) == b.map(\.kind))
    // Equal content in two documents is still two different nodes.
    #expect(a[0] != b[0])
    #expect(Set(a + a + b).count == a.count + b.count)
    #expect(a[1].parent == a[0])
  }

  @Test func depthMatchesStructure() throws {
    let document = MarkdownDocument.parse(Self.markdown)
    let code = try #require(document.root.descendants.first { $0.kind == .code("code") })
    var ancestors: [String] = []
    var current = code.parent
    while let node = current {
      ancestors.append(TreeDump.xmlName(node.kind))
      current = node.parent
    }
    #expect(ancestors == ["paragraph", "item", "list", "item", "list", "block_quote", "document"])
  }
}
