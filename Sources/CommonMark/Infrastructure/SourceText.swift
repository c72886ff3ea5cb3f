/// The UTF-8 bytes of a source, with a line index, so that cmark's line and byte column can be
/// turned into offsets and slices cheaply.
public struct SourceText: Sendable {
  /// The source's bytes.
  public let bytes: [UInt8]
  /// The byte offset where each line starts; `lineStarts[0]` is line 1.
  public let lineStarts: [Int]

  /// Indexes `text` by line.
  public init(_ text: String) {
    self.init(bytes: Array(text.utf8))
  }

  /// Indexes raw UTF-8 bytes by line.
  public init(bytes: [UInt8]) {
    self.bytes = bytes
    var starts = [0]
    starts.reserveCapacity(bytes.count / 32 + 1)
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    self.lineStarts = starts
  }

  /// The number of lines (a final line without a newline counts).
  public var lineCount: Int { lineStarts.count }

  /// The byte offset of a location, clamped into the source.
  public func offset(of location: SourceLocation) -> Int {
    let lineIndex = min(max(location.line - 1, 0), lineStarts.count - 1)
    return min(lineStarts[lineIndex] + max(location.column - 1, 0), bytes.count)
  }

  /// The location of a byte offset.
  public func location(ofOffset offset: Int) -> SourceLocation {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return SourceLocation(line: low + 1, column: offset - lineStarts[low] + 1)
  }

  /// The text of one 1-based line, without its line break.
  public func line(_ number: Int) -> String {
    guard number >= 1, number <= lineStarts.count else { return "" }
    let start = lineStarts[number - 1]
    var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
  }

  /// The text covered by a range (inclusive end), as cmark reports it.
  public func text(in range: SourceRange) -> String {
    let start = offset(of: range.start)
    let end = min(offset(of: range.end) + 1, bytes.count)
    guard end > start else { return "" }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}
