/// One node of a ``MarkdownDocument``: a cheap, read-only view into the document's tree.
public struct MarkdownNode: Hashable, Sendable {
  let storage: TreeStorage
  let index: Int32

  init(storage: TreeStorage, index: Int32) {
    self.storage = storage
    self.index = index
  }

  private var record: TreeStorage.Record { storage.records[Int(index)] }

  /// What this node is, with its data (the strings are built on each call; test ``type`` first
  /// where only the type matters).
  public var kind: NodeKind { storage.kind(Int(index)) }

  /// What this node is, without its data: cheaper than ``kind``, which builds strings.
  public var type: NodeType { record.type }

  /// A text's, code span's or HTML node's text, a code block's content, a link's or image's
  /// destination; empty for other nodes.
  public var literal: String { storage.literal(Int(index)) }

  /// Where the node is in the source (1-based lines, 1-based UTF-8 byte columns, inclusive end);
  /// `nil` where cmark gives no position (soft and hard line breaks).
  public var range: SourceRange? { record.range }

  /// The node that contains this one, or `nil` for the document.
  public var parent: MarkdownNode? {
    let parentIndex = record.parent
    return parentIndex < 0 ? nil : MarkdownNode(storage: storage, index: parentIndex)
  }

  /// The direct children, in document order.
  public var children: Children { Children(storage: storage, first: record.firstChild) }

  /// The next node with the same parent.
  public var nextSibling: MarkdownNode? {
    let next = record.nextSibling
    return next < 0 ? nil : MarkdownNode(storage: storage, index: next)
  }

  /// Every node below this one, in document (pre-)order, walked without recursion.
  public var descendants: Descendants { Descendants(root: self) }

  /// The concatenated text of the inlines below this node: text and code spans, with line breaks
  /// as spaces. Markup (emphasis, links) is dropped; link text is kept.
  public var plainText: String {
    switch record.type {
    case .text, .code: return literal
    case .softBreak, .lineBreak: return ""
    default:
      var bytes: [UInt8] = []
      storage.appendPlainText(of: Int(index), to: &bytes)
      return String(decoding: bytes, as: UTF8.self)
    }
  }

  /// Calls `body` with the UTF-8 bytes of ``literal``, without making a `String`.
  public func withLiteralUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
    let record = self.record
    let start = record.textOffset
    return try body(UnsafeBufferPointer(rebasing: storage.text[start..<(start + Int(record.literalLength))]))
  }

  /// The nodes below this one whose type is `type`, in document order. The walk reads the node
  /// table directly and makes a node value only for each match.
  public func descendants(ofType type: NodeType) -> [MarkdownNode] {
    var result: [MarkdownNode] = []
    storage.forEachDescendant(of: Int(index)) { found in
      if storage.records[found].type == type { result.append(MarkdownNode(storage: storage, index: Int32(found))) }
    }
    return result
  }

  /// Calls `body` with each node below this one whose type is `type` or `other`, in document
  /// (pre-)order: ``descendants(ofType:)`` for up to two types at once, without an array.
  /// - Parameters:
  ///   - type: a type of node wanted.
  ///   - other: a second type of node wanted, if any.
  ///   - body: called with each wanted node.
  public func forEachDescendant(ofType type: NodeType, or other: NodeType? = nil, _ body: (MarkdownNode) -> Void) {
    let second = other ?? type
    storage.forEachDescendant(of: Int(index)) { found in
      let foundType = storage.records[found].type
      if foundType == type || foundType == second {
        body(MarkdownNode(storage: storage, index: Int32(found)))
      }
    }
  }

  /// Calls `body` with the UTF-8 bytes of ``plainText``. A node whose text is one text or code
  /// node's literal (`**Check:**`) hands over those bytes without copying them.
  public func withPlainTextUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
    var single = Int(index)
    switch record.type {
    case .text, .code: break
    case .softBreak, .lineBreak: return try body(UnsafeBufferPointer(start: nil, count: 0))
    default:
      let child = record.firstChild
      if child >= 0, storage.records[Int(child)].nextSibling < 0, storage.records[Int(child)].firstChild < 0 {
        single = Int(child)
      } else {
        single = -1
      }
    }
    if single >= 0 {
      let only = storage.records[single]
      switch only.type {
      case .text, .code:
        return try MarkdownNode(storage: storage, index: Int32(single)).withLiteralUTF8(body)
      case .softBreak, .lineBreak:
        // A lone break below an inline reads as a space.
        return try [UInt8(0x20)].withUnsafeBufferPointer(body)
      default:
        // A leaf with no text (an HTML inline): no plain text.
        if single != Int(index) { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
      }
    }
    var bytes: [UInt8] = []
    appendPlainText(to: &bytes)
    return try bytes.withUnsafeBufferPointer(body)
  }

  /// Appends the UTF-8 bytes of ``plainText`` to `output` (no intermediate `String`).
  public func appendPlainText(to output: inout [UInt8]) {
    switch record.type {
    case .softBreak, .lineBreak: return
    default: storage.appendPlainText(of: Int(index), to: &output)
    }
  }

  public static func == (lhs: MarkdownNode, rhs: MarkdownNode) -> Bool {
    lhs.storage === rhs.storage && lhs.index == rhs.index
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(ObjectIdentifier(storage))
    hasher.combine(index)
  }

  /// The children of a node.
  public struct Children: Sequence, Sendable {
    let storage: TreeStorage
    let first: Int32

    public func makeIterator() -> Iterator { Iterator(storage: storage, upcoming: first) }

    /// The number of children (counted along the sibling links), so that an array made from
    /// them is allocated once.
    public var underestimatedCount: Int {
      var count = 0
      var upcoming = first
      while upcoming >= 0 {
        count += 1
        upcoming = storage.records[Int(upcoming)].nextSibling
      }
      return count
    }

    /// Iterates siblings by their links.
    public struct Iterator: IteratorProtocol {
      let storage: TreeStorage
      var upcoming: Int32

      public mutating func next() -> MarkdownNode? {
        guard upcoming >= 0 else { return nil }
        let node = MarkdownNode(storage: storage, index: upcoming)
        upcoming = storage.records[Int(upcoming)].nextSibling
        return node
      }
    }
  }

  /// The descendants of a node in pre-order.
  public struct Descendants: Sequence, Sendable {
    let root: MarkdownNode

    public func makeIterator() -> Iterator {
      Iterator(
        storage: root.storage, rootIndex: root.index,
        current: root.storage.records[Int(root.index)].firstChild)
    }

    /// Pre-order walk using parent links: constant extra memory, no recursion.
    public struct Iterator: IteratorProtocol {
      let storage: TreeStorage
      let rootIndex: Int32
      var current: Int32

      public mutating func next() -> MarkdownNode? {
        guard current >= 0 else { return nil }
        let result = current
        let record = storage.records[Int(current)]
        if record.firstChild >= 0 {
          current = record.firstChild
        } else {
          var walker = current
          current = -1
          while walker >= 0 && walker != rootIndex {
            let walkerRecord = storage.records[Int(walker)]
            if walkerRecord.nextSibling >= 0 {
              current = walkerRecord.nextSibling
              break
            }
            walker = walkerRecord.parent
          }
        }
        return MarkdownNode(storage: storage, index: result)
      }
    }
  }
}
