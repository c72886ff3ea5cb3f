import Ccmark

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns cmark's C tree into a ``MarkdownDocument``. The only place that walks cmark nodes.
///
/// One pre-order walk over cmark's nodes (first child, next sibling, parent: no stack, so depth
/// costs nothing) appends one plain record per node and copies the node's strings into one byte
/// buffer; no `String` is made here.
enum CMarkConverter {
  static func parse(_ text: String, options: ParseOptions) -> MarkdownDocument {
    var text = text
    return text.withUTF8 { parse(utf8: $0, options: options) }
  }

  /// Parses `utf8`; `lineOffset` is added to every line number (for text that starts at line
  /// `lineOffset + 1` of a larger source).
  static func parse(utf8: UnsafeBufferPointer<UInt8>, options: ParseOptions, lineOffset: Int32 = 0) -> MarkdownDocument
  {
    // cmark's own allocator: AddressSanitizer then sees every block cmark allocates.
    guard let parser = cmark_parser_new(options.rawValue) else { return emptyDocument }
    defer { cmark_parser_free(parser) }
    if let base = utf8.baseAddress, utf8.count > 0 {
      cmark_parser_feed(parser, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), utf8.count)
    }
    guard let root = cmark_parser_finish(parser) else { return emptyDocument }
    // cmark frees its tree iteratively, so a deep tree cannot overflow the stack.
    defer { cmark_node_free(root) }
    return convert(root, sourceSize: utf8.count, lineOffset: lineOffset)
  }

  /// Converts cmark's tree (the caller frees it).
  private static func convert(_ root: OpaquePointer, sourceSize: Int, lineOffset: Int32) -> MarkdownDocument {
    var builder = Builder(sourceSize: sourceSize, lineOffset: lineOffset)
    var node = root
    var parent: Int32 = -1
    var previous: Int32 = -1
    while true {
      let index = builder.append(node, parent: parent, previous: previous)
      if let child = cmark_node_first_child(node) {
        node = child
        parent = index
        previous = -1
        continue
      }
      // No children: the next sibling, or the next sibling of the nearest ancestor that has one.
      var at = node
      var atIndex = index
      var found = false
      while atIndex > 0 {
        if let next = cmark_node_next(at) {
          node = next
          previous = atIndex
          parent = builder.records[Int(atIndex)].parent
          found = true
          break
        }
        guard let up = cmark_node_parent(at) else { break }
        at = up
        atIndex = builder.records[Int(atIndex)].parent
      }
      if !found { break }
    }
    return MarkdownDocument(storage: TreeStorage(records: builder.records, text: builder.text.finish()))
  }

  private static var emptyDocument: MarkdownDocument {
    MarkdownDocument(
      storage: TreeStorage(
        records: [TreeStorage.Record(type: .document, range: nil, parent: -1)],
        text: UnsafeBufferPointer(UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 0))))
  }

  /// The node table and string buffer under construction.
  private struct Builder {
    var records: [TreeStorage.Record] = []
    var text: ByteBuffer
    /// Added to every line number.
    let lineOffset: Int32

    init(sourceSize: Int, lineOffset: Int32) {
      self.lineOffset = lineOffset
      // About one node per 10 bytes of a typical guide, and strings about half the source.
      records.reserveCapacity(sourceSize / 10 + 16)
      text = ByteBuffer(capacity: sourceSize / 2 + 64)
    }

    /// Appends a record for `node` and links it to its parent or previous sibling.
    mutating func append(_ node: OpaquePointer, parent: Int32, previous: Int32) -> Int32 {
      let index = Int32(records.count)
      let type = CMarkConverter.type(of: node)
      var record = TreeStorage.Record(type: type, range: nil, parent: parent)
      CMarkConverter.setRange(of: node, in: &record, lineOffset: lineOffset)
      record.textOffset = text.count
      switch type {
      case .list:
        let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
        record.flags = (ordered ? 1 : 0) | (cmark_node_get_list_tight(node) != 0 ? 2 : 0)
        // cmark reports 0 as a bullet list's start; ListInfo promises 1.
        record.number = ordered ? cmark_node_get_list_start(node) : 1
      case .heading:
        record.number = cmark_node_get_heading_level(node)
      case .text, .code, .htmlInline, .htmlBlock:
        record.literalLength = copy(cmark_node_get_literal(node))
      case .codeBlock:
        record.literalLength = copy(cmark_node_get_literal(node))
        record.extraLength = copy(cmark_node_get_fence_info(node))
      case .link, .image:
        record.literalLength = copy(cmark_node_get_url(node))
        record.extraLength = copy(cmark_node_get_title(node))
      case .unknown:
        record.literalLength = copy(cmark_node_get_type_string(node))
      default:
        break
      }
      records.append(record)
      if previous >= 0 {
        records[Int(previous)].nextSibling = index
      } else if parent >= 0 {
        records[Int(parent)].firstChild = index
      }
      return index
    }

    /// Copies a C string's bytes into the buffer; returns how many.
    private mutating func copy(_ pointer: UnsafePointer<CChar>?) -> Int32 {
      guard let pointer else { return 0 }
      let count = strlen(pointer)
      guard count > 0 else { return 0 }
      text.append(UnsafeRawPointer(pointer), count: count)
      return Int32(clamping: count)
    }
  }

  private static func type(of node: OpaquePointer) -> NodeType {
    switch cmark_node_get_type(node) {
    case CMARK_NODE_DOCUMENT: return .document
    case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
    case CMARK_NODE_LIST: return .list
    case CMARK_NODE_ITEM: return .item
    case CMARK_NODE_CODE_BLOCK: return .codeBlock
    case CMARK_NODE_HTML_BLOCK: return .htmlBlock
    case CMARK_NODE_CUSTOM_BLOCK: return .customBlock
    case CMARK_NODE_PARAGRAPH: return .paragraph
    case CMARK_NODE_HEADING: return .heading
    case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
    case CMARK_NODE_TEXT: return .text
    case CMARK_NODE_SOFTBREAK: return .softBreak
    case CMARK_NODE_LINEBREAK: return .lineBreak
    case CMARK_NODE_CODE: return .code
    case CMARK_NODE_HTML_INLINE: return .htmlInline
    case CMARK_NODE_CUSTOM_INLINE: return .customInline
    case CMARK_NODE_EMPH: return .emphasis
    case CMARK_NODE_STRONG: return .strong
    case CMARK_NODE_LINK: return .link
    case CMARK_NODE_IMAGE: return .image
    default: return .unknown
    }
  }

  /// Stores the node's range in the record (a start line of 0 when cmark gives none), its lines
  /// moved down by `lineOffset`.
  private static func setRange(of node: OpaquePointer, in record: inout TreeStorage.Record, lineOffset: Int32) {
    let startLine = cmark_node_get_start_line(node)
    let startColumn = cmark_node_get_start_column(node)
    guard startLine > 0, startColumn > 0 else { return }
    var endLine = cmark_node_get_end_line(node)
    var endColumn = cmark_node_get_end_column(node)
    if endLine < startLine || (endLine == startLine && endColumn < startColumn) {
      endLine = startLine
      endColumn = startColumn
    }
    // A container that ends at a blank line can report column 0: clamp to column 1.
    record.startLine = startLine &+ lineOffset
    record.startColumn = startColumn
    record.endLine = endLine &+ lineOffset
    record.endColumn = max(endColumn, 1)
  }
}

/// A growable byte buffer with plain `memcpy` appends, for the node table's strings; ``finish()``
/// hands the memory over to the table.
struct ByteBuffer {
  private var base: UnsafeMutablePointer<UInt8>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
  }

  mutating func append(_ bytes: UnsafeRawPointer, count length: Int) {
    if count + length > capacity {
      let newCapacity = max(capacity * 2, count + length)
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
      grown.update(from: base, count: count)
      base.deallocate()
      base = grown
      capacity = newCapacity
    }
    (base + count).update(from: bytes.assumingMemoryBound(to: UInt8.self), count: length)
    count += length
  }

  /// The bytes written, as memory the caller now owns (and frees).
  func finish() -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}
