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

  /// Parses the bytes of a ``SourceText`` with cmark: the same tree as parsing the text it was
  /// made from, without handing cmark a copy of the text.
  /// - Parameters:
  ///   - source: the Markdown source.
  ///   - options: cmark parse options.
  public static func parse(_ source: SourceText, options: ParseOptions = []) -> MarkdownDocument {
    source.bytes.withUnsafeBufferPointer { CMarkConverter.parse(utf8: $0, options: options) }
  }

  /// Parses whole lines of a ``SourceText`` as a document of their own, with positions given as
  /// lines of the whole source (the first node of `lines` starting at line `lines.lowerBound`).
  ///
  /// Where the text before `lines` leaves no block open and defines no link reference, the
  /// nodes are those the whole source gives for these lines; a caller that parses a large
  /// source in parts (on several threads) is responsible for choosing such lines.
  /// - Parameters:
  ///   - source: the Markdown source.
  ///   - lines: 1-based line numbers, clamped into the source.
  ///   - options: cmark parse options.
  public static func parse(_ source: SourceText, lines: Range<Int>, options: ParseOptions = []) -> MarkdownDocument {
    let first = min(max(lines.lowerBound, 1), source.lineCount)
    let end = min(max(lines.upperBound, first), source.lineCount + 1)
    let start = source.lineStarts[first - 1]
    let stop = end <= source.lineCount ? source.lineStarts[end - 1] : source.bytes.count
    return source.bytes.withUnsafeBufferPointer { all in
      CMarkConverter.parse(
        utf8: UnsafeBufferPointer(rebasing: all[start..<stop]), options: options, lineOffset: Int32(clamping: first - 1)
      )
    }
  }

  /// The document node.
  public var root: MarkdownNode { MarkdownNode(storage: storage, index: 0) }

  /// The number of nodes in the tree.
  public var nodeCount: Int { storage.records.count }
}

/// The flat node table behind a ``MarkdownDocument``. Immutable once built.
///
/// Records hold no references: a node's strings (a text's literal, a link's destination and
/// title, a code block's text and info string) are byte ranges into one shared buffer, and
/// become `String`s only when ``MarkdownNode/kind`` is asked for. So building the table costs a
/// copy of the bytes, and freeing it is two deallocations however many nodes there are.
final class TreeStorage: @unchecked Sendable {
  /// One node. The range is packed into four `Int32`s (a line of 0 means "no range"), the links
  /// are record indexes (-1 for none), and the strings are `literalLength` bytes at
  /// `textOffset` followed by `extraLength` bytes (a link's title, a code block's info string).
  struct Record: Sendable {
    var type: NodeType
    /// For a list: bit 0 is "ordered", bit 1 is "tight".
    var flags: UInt8
    /// A heading's level, or a list's start number.
    var number: Int32
    var startLine: Int32
    var startColumn: Int32
    var endLine: Int32
    var endColumn: Int32
    var parent: Int32
    var firstChild: Int32
    var nextSibling: Int32
    var literalLength: Int32
    var extraLength: Int32
    var textOffset: Int

    init(type: NodeType, range: SourceRange?, parent: Int32) {
      self.type = type
      self.flags = 0
      self.number = 0
      self.startLine = Int32(clamping: range?.start.line ?? 0)
      self.startColumn = Int32(clamping: range?.start.column ?? 0)
      self.endLine = Int32(clamping: range?.end.line ?? 0)
      self.endColumn = Int32(clamping: range?.end.column ?? 0)
      self.parent = parent
      self.firstChild = -1
      self.nextSibling = -1
      self.literalLength = 0
      self.extraLength = 0
      self.textOffset = 0
    }

    var range: SourceRange? {
      guard startLine > 0 else { return nil }
      return SourceRange(
        start: SourceLocation(line: Int(startLine), column: Int(startColumn)),
        end: SourceLocation(line: Int(endLine), column: Int(endColumn)))
    }
  }

  let records: [Record]
  /// The bytes of every node's strings, back to back. Owned by the table (freed with it) and
  /// never written after the table is made, which is why sharing it between threads is safe.
  let text: UnsafeBufferPointer<UInt8>

  /// Takes ownership of `text`, which must have been allocated as `UInt8` memory.
  init(records: [Record], text: UnsafeBufferPointer<UInt8>) {
    self.records = records
    self.text = text
  }

  deinit { text.deallocate() }

  /// The node's main string: a literal, a link's or image's destination, an unknown type's name.
  func literal(_ index: Int) -> String {
    let record = records[index]
    let start = record.textOffset
    return String(
      decoding: UnsafeBufferPointer(rebasing: text[start..<(start + Int(record.literalLength))]), as: UTF8.self)
  }

  /// The node's second string: a link's or image's title, a code block's info string.
  func extra(_ index: Int) -> String {
    let record = records[index]
    let start = record.textOffset + Int(record.literalLength)
    return String(
      decoding: UnsafeBufferPointer(rebasing: text[start..<(start + Int(record.extraLength))]), as: UTF8.self)
  }

  /// The full ``NodeKind`` of a record, with its strings.
  func kind(_ index: Int) -> NodeKind {
    let record = records[index]
    switch record.type {
    case .document: return .document
    case .blockQuote: return .blockQuote
    case .list:
      return .list(ListInfo(ordered: record.flags & 1 != 0, start: Int(record.number), tight: record.flags & 2 != 0))
    case .item: return .item
    case .codeBlock: return .codeBlock(info: extra(index), literal: literal(index))
    case .htmlBlock: return .htmlBlock(literal(index))
    case .customBlock: return .customBlock
    case .paragraph: return .paragraph
    case .heading: return .heading(level: Int(record.number))
    case .thematicBreak: return .thematicBreak
    case .text: return .text(literal(index))
    case .softBreak: return .softBreak
    case .lineBreak: return .lineBreak
    case .code: return .code(literal(index))
    case .htmlInline: return .htmlInline(literal(index))
    case .customInline: return .customInline
    case .emphasis: return .emphasis
    case .strong: return .strong
    case .link: return .link(destination: literal(index), title: extra(index))
    case .image: return .image(source: literal(index), title: extra(index))
    case .unknown: return .unknown(literal(index))
    }
  }

  /// Calls `body` with the index of every record below `root`, in pre-order, without recursion.
  func forEachDescendant(of root: Int, _ body: (Int) -> Void) {
    var current = Int(records[root].firstChild)
    while current >= 0 {
      body(current)
      let record = records[current]
      if record.firstChild >= 0 {
        current = Int(record.firstChild)
        continue
      }
      var walker = current
      current = -1
      while walker >= 0 && walker != root {
        let next = records[walker].nextSibling
        if next >= 0 {
          current = Int(next)
          break
        }
        walker = Int(records[walker].parent)
      }
    }
  }

  /// Appends the plain text of the inlines below (and including) a record: text and code
  /// literals, line breaks as spaces. Walks the subtree without recursion.
  func appendPlainText(of root: Int, to output: inout [UInt8]) {
    var current = root
    while true {
      let record = records[current]
      switch record.type {
      case .text, .code:
        let start = record.textOffset
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<(start + Int(record.literalLength))]))
      case .softBreak, .lineBreak:
        output.append(0x20)
      default:
        break
      }
      if record.firstChild >= 0 {
        current = Int(record.firstChild)
        continue
      }
      // Next in pre-order, without leaving the subtree.
      var walker = current
      while true {
        if walker == root { return }
        let next = records[walker].nextSibling
        if next >= 0 {
          current = Int(next)
          break
        }
        walker = Int(records[walker].parent)
        if walker < 0 { return }
      }
    }
  }
}
