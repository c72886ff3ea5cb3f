/// A position in a Markdown source, as cmark counts it.
///
/// Lines are 1-based. Columns are 1-based and count **UTF-8 bytes**, not characters:
/// in `"é x"` the `x` is at column 4.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The 1-based line number.
  public var line: Int
  /// The 1-based column, in UTF-8 bytes.
  public var column: Int

  /// Creates a location from a 1-based line and a 1-based UTF-8 byte column.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }

  public var description: String { "\(line):\(column)" }
}
