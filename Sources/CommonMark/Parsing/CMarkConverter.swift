import Ccmark

/// Turns cmark's C tree into a ``MarkdownDocument``. The only place that walks cmark nodes.
enum CMarkConverter {
  static func parse(_ text: String, options: ParseOptions) -> MarkdownDocument {
    var records: [TreeStorage.Record] = []
    guard let root = cmark_parse_document(text, text.utf8.count, options.rawValue) else {
      return MarkdownDocument(storage: TreeStorage(records: [emptyDocument]))
    }
    defer { cmark_node_free(root) }
    // Count first, so the table is allocated once at its final size (no doubling copies).
    records.reserveCapacity(nodeCount(root))
    guard let iterator = cmark_iter_new(root) else {
      return MarkdownDocument(storage: TreeStorage(records: [emptyDocument]))
    }
    defer { cmark_iter_free(iterator) }

    // Open containers, by record index, and the last child appended to each.
    var stack: [Int32] = []
    var lastChild: [Int32] = []

    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard let node = cmark_iter_get_node(iterator) else { continue }
      if event == CMARK_EVENT_EXIT {
        stack.removeLast()
        lastChild.removeLast()
        continue
      }
      let index = Int32(records.count)
      let parent = stack.last ?? -1
      records.append(
        TreeStorage.Record(
          kind: kind(of: node), range: range(of: node), parent: parent, firstChild: -1,
          nextSibling: -1))
      if parent >= 0 {
        let previous = lastChild[lastChild.count - 1]
        if previous >= 0 {
          records[Int(previous)].nextSibling = index
        } else {
          records[Int(parent)].firstChild = index
        }
        lastChild[lastChild.count - 1] = index
      }
      if isContainer(node) {
        stack.append(index)
        lastChild.append(-1)
      }
    }
    if records.isEmpty { records.append(emptyDocument) }
    return MarkdownDocument(storage: TreeStorage(records: records))
  }

  /// The number of nodes under (and including) `root`.
  private static func nodeCount(_ root: OpaquePointer) -> Int {
    guard let iterator = cmark_iter_new(root) else { return 0 }
    defer { cmark_iter_free(iterator) }
    var count = 0
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      if event == CMARK_EVENT_ENTER { count += 1 }
    }
    return count
  }

  private static let emptyDocument = TreeStorage.Record(
    kind: .document, range: nil, parent: -1, firstChild: -1, nextSibling: -1)

  /// Leaves get no EXIT event from cmark's iterator.
  private static func isContainer(_ node: OpaquePointer) -> Bool {
    switch cmark_node_get_type(node) {
    case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
      CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
      return false
    default:
      return true
    }
  }

  private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
    guard let pointer else { return "" }
    return String(cString: pointer)
  }

  private static func kind(of node: OpaquePointer) -> NodeKind {
    switch cmark_node_get_type(node) {
    case CMARK_NODE_DOCUMENT: return .document
    case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
    case CMARK_NODE_LIST:
      let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
      // cmark reports 0 as a bullet list's start; ListInfo promises 1.
      return .list(
        ListInfo(
          ordered: ordered, start: ordered ? Int(cmark_node_get_list_start(node)) : 1,
          tight: cmark_node_get_list_tight(node) != 0))
    case CMARK_NODE_ITEM: return .item
    case CMARK_NODE_CODE_BLOCK:
      return .codeBlock(
        info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
    case CMARK_NODE_HTML_BLOCK: return .htmlBlock(string(cmark_node_get_literal(node)))
    case CMARK_NODE_CUSTOM_BLOCK: return .customBlock
    case CMARK_NODE_PARAGRAPH: return .paragraph
    case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
    case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
    case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
    case CMARK_NODE_SOFTBREAK: return .softBreak
    case CMARK_NODE_LINEBREAK: return .lineBreak
    case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
    case CMARK_NODE_HTML_INLINE: return .htmlInline(string(cmark_node_get_literal(node)))
    case CMARK_NODE_CUSTOM_INLINE: return .customInline
    case CMARK_NODE_EMPH: return .emphasis
    case CMARK_NODE_STRONG: return .strong
    case CMARK_NODE_LINK:
      return .link(
        destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
    case CMARK_NODE_IMAGE:
      return .image(
        source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
    default:
      return .unknown(string(cmark_node_get_type_string(node)))
    }
  }

  private static func range(of node: OpaquePointer) -> SourceRange? {
    let startLine = Int(cmark_node_get_start_line(node))
    let startColumn = Int(cmark_node_get_start_column(node))
    guard startLine > 0, startColumn > 0 else { return nil }
    var endLine = Int(cmark_node_get_end_line(node))
    var endColumn = Int(cmark_node_get_end_column(node))
    if endLine < startLine || (endLine == startLine && endColumn < startColumn) {
      endLine = startLine
      endColumn = startColumn
    }
    // A container that ends at a blank line can report column 0: clamp to column 1.
    endColumn = max(endColumn, 1)
    return SourceRange(
      start: SourceLocation(line: startLine, column: startColumn),
      end: SourceLocation(line: endLine, column: endColumn))
  }
}
