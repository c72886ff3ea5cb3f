/// Where a finding is: a file and a 1-based line and column, optionally with an end.
///
/// Columns count UTF-8 bytes from 1, as cmark does; for ASCII text that is the character column.
public struct DiagnosticLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
  /// The file's path as the user gave it (relative paths stay relative).
  public var file: String
  /// The 1-based line.
  public var line: Int
  /// The 1-based column.
  public var column: Int
  /// The last line of the span, if known.
  public var endLine: Int?
  /// The column just past the span's end on `endLine`, if known.
  public var endColumn: Int?

  /// Creates a location.
  public init(file: String, line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil) {
    self.file = file
    self.line = max(line, 1)
    self.column = max(column, 1)
    self.endLine = endLine
    self.endColumn = endColumn
  }

  /// `file:line:column`.
  public var description: String { "\(file):\(line):\(column)" }

  /// Orders by file, line and column; locations that share a start are ordered by their end
  /// (an unknown end first), so `<` agrees with `==`.
  public static func < (lhs: DiagnosticLocation, rhs: DiagnosticLocation) -> Bool {
    if (lhs.file, lhs.line, lhs.column) != (rhs.file, rhs.line, rhs.column) {
      return (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
    return (lhs.endLine ?? Int.min, lhs.endColumn ?? Int.min)
      < (rhs.endLine ?? Int.min, rhs.endColumn ?? Int.min)
  }
}
