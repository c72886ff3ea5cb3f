/// A span of a Markdown source.
///
/// `start` is the first byte of the span and `end` the last one (inclusive), the way cmark reports
/// them. Both use 1-based lines and 1-based UTF-8 byte columns.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
  /// The first byte of the span.
  public var start: SourceLocation
  /// The last byte of the span (inclusive).
  public var end: SourceLocation

  /// Creates a range from its first and last (inclusive) locations.
  public init(start: SourceLocation, end: SourceLocation) {
    self.start = start
    self.end = end
  }

  public var description: String { "\(start)-\(end)" }
}
