/// What a Markdown node is, with the data cmark keeps for that kind.
public enum NodeKind: Hashable, Sendable {
  case document
  case blockQuote
  /// A list: bullet or ordered, its start number and whether it is tight.
  case list(ListInfo)
  case item
  /// A fenced or indented code block: its info string (empty when indented) and its text.
  case codeBlock(info: String, literal: String)
  case htmlBlock(String)
  case customBlock
  case paragraph
  case heading(level: Int)
  case thematicBreak
  case text(String)
  case softBreak
  case lineBreak
  case code(String)
  case htmlInline(String)
  case customInline
  case emphasis
  case strong
  case link(destination: String, title: String)
  case image(source: String, title: String)
  /// A node type this wrapper does not know (a newer cmark); never a crash.
  case unknown(String)

  /// Whether this kind is a block (as opposed to an inline).
  public var isBlock: Bool {
    switch self {
    case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .customBlock, .paragraph,
      .heading, .thematicBreak:
      return true
    default:
      return false
    }
  }
}

/// The shape of a list.
public struct ListInfo: Hashable, Sendable {
  /// Whether the list is numbered.
  public var ordered: Bool
  /// The first number of an ordered list (1 for bullet lists).
  public var start: Int
  /// Whether the list is tight (no blank lines between items).
  public var tight: Bool

  /// Creates a list description.
  public init(ordered: Bool, start: Int, tight: Bool) {
    self.ordered = ordered
    self.start = start
    self.tight = tight
  }
}
