/// A place where the file cannot be read as its format, found while parsing.
public struct SyntaxIssue: Hashable, Sendable {
  /// Where.
  public var span: SourceSpan
  /// What is wrong, as a sentence; never quotes the file.
  public var message: String
  /// What to do, if known.
  public var fix: String?

  /// Creates an issue.
  public init(span: SourceSpan, message: String, fix: String? = nil) {
    self.span = span
    self.message = message
    self.fix = fix
  }
}

/// A key written more than once in one mapping, object or dotenv file.
public struct DuplicateKey: Hashable, Sendable {
  /// The key as written.
  public var name: String
  /// The account it is in (`nil` at the top level or in a flat file).
  public var account: String?
  /// Whether the duplicated key is a whole account section.
  public var isAccountSection: Bool
  /// Every occurrence, in file order; the last wins.
  public var occurrences: [SourceSpan]
  /// Their lines, in file order.
  public var lines: [Int]

  /// Creates a duplicate record.
  public init(name: String, account: String?, isAccountSection: Bool, occurrences: [SourceSpan], lines: [Int]) {
    self.name = name
    self.account = account
    self.isAccountSection = isAccountSection
    self.occurrences = occurrences
    self.lines = lines
  }
}
