/// How a value is written in its file.
public enum ValueStyle: String, Hashable, Sendable {
  /// No value token at all (`key:` or `KEY` with nothing after it).
  case none
  /// YAML plain scalar, or an unquoted dotenv value.
  case plain
  /// Single quotes.
  case singleQuoted
  /// Double quotes (YAML, dotenv, JSON strings).
  case doubleQuoted
  /// A YAML literal block scalar (`|`).
  case literal
  /// A YAML folded block scalar (`>`).
  case folded
  /// A JSON value that is not a string (number, boolean, null, object, array).
  case jsonLiteral
  /// A YAML collection (mapping or sequence) where a scalar belongs.
  case collection

  /// Whether the value is wrapped in quotes.
  public var isQuoted: Bool { self == .singleQuoted || self == .doubleQuoted }
}
