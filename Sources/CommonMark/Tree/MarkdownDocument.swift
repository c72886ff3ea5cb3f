/// A parsed CommonMark document: an immutable tree of ``MarkdownNode`` values with source ranges.
///
/// Nodes are stored flat (parent, first child and next sibling by index), so a very deep
/// document (50,000 nested block quotes) neither overflows the stack when walked nor when freed.
public struct MarkdownDocument: Sendable {
  let storage: TreeStorage

  init(storage: TreeStorage) {
    self.storage = storage
  }

  /// Parses CommonMark text with cmark.
  ///
  /// cmark's allocations are all freed before this returns; nothing from C escapes.
  /// - Parameters:
  ///   - text: the Markdown source.
  ///   - options: cmark parse options.
  public static func parse(_ text: String, options: ParseOptions = []) -> MarkdownDocument {
    CMarkConverter.parse(text, options: options)
  }

  /// The document node.
  public var root: MarkdownNode { MarkdownNode(storage: storage, index: 0) }

  /// The number of nodes in the tree.
  public var nodeCount: Int { storage.records.count }
}

/// The flat node table behind a ``MarkdownDocument``. Immutable once built.
final class TreeStorage: Sendable {
  struct Record: Sendable {
    var kind: NodeKind
    var range: SourceRange?
    var parent: Int32
    var firstChild: Int32
    var nextSibling: Int32
  }

  let records: [Record]

  init(records: [Record]) {
    self.records = records
  }
}
