/// What a Markdown node is, without the data it carries: a cheap way to test a node's kind
/// (``MarkdownNode/type``) without building the strings ``NodeKind`` holds.
public enum NodeType: UInt8, Hashable, Sendable, CaseIterable {
  case document
  case blockQuote
  case list
  case item
  case codeBlock
  case htmlBlock
  case customBlock
  case paragraph
  case heading
  case thematicBreak
  case text
  case softBreak
  case lineBreak
  case code
  case htmlInline
  case customInline
  case emphasis
  case strong
  case link
  case image
  /// A node type this wrapper does not know (a newer cmark).
  case unknown
}
