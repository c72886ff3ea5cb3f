/// One statement of a dotenv file as python-dotenv reads it, with the position of every part.
public struct DotenvBinding: Hashable, Sendable {
  /// The line the statement starts on.
  public var line: Int
  /// The whole statement, from its first character to the end of its last line.
  public var span: SourceSpan
  /// The name, without quotes and without a leading byte-order mark.
  public var key: String
  /// Where the name is.
  public var keySpan: SourceSpan
  /// Whether the name had a byte-order mark glued to its front (python-dotenv keeps it).
  public var keyHasBOM: Bool
  /// Whether the line starts with `export `.
  public var hasExport: Bool
  /// Spaces between the name and `=`, if any.
  public var spaceBeforeEquals: SourceSpan?
  /// Spaces between `=` and the value, if any.
  public var spaceAfterEquals: SourceSpan?
  /// The value python-dotenv loads before interpolation; `nil` when there is no `=`.
  public var value: String?
  /// How the value is written.
  public var style: ValueStyle
  /// The value token: quotes included, an inline comment and trailing spaces excluded.
  public var valueSpan: SourceSpan?
  /// An inline comment after an unquoted value (` # ...`), which python-dotenv cuts off.
  public var inlineComment: SourceSpan?
  /// The line a quoted value closes on, when it is not the line it opens on.
  public var closingLine: Int?

  /// Creates a binding.
  public init(
    line: Int, span: SourceSpan, key: String, keySpan: SourceSpan, keyHasBOM: Bool = false,
    hasExport: Bool = false, spaceBeforeEquals: SourceSpan? = nil, spaceAfterEquals: SourceSpan? = nil,
    value: String?, style: ValueStyle, valueSpan: SourceSpan?, inlineComment: SourceSpan? = nil,
    closingLine: Int? = nil
  ) {
    self.line = line
    self.span = span
    self.key = key
    self.keySpan = keySpan
    self.keyHasBOM = keyHasBOM
    self.hasExport = hasExport
    self.spaceBeforeEquals = spaceBeforeEquals
    self.spaceAfterEquals = spaceAfterEquals
    self.value = value
    self.style = style
    self.valueSpan = valueSpan
    self.inlineComment = inlineComment
    self.closingLine = closingLine
  }
}
