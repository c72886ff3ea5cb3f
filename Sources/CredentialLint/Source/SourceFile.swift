import OnboardDiagnostics
import OnboardSupport

/// The bytes of one credential file, with a line index.
///
/// Positions are 1-based lines and 1-based UTF-8 byte columns. A UTF-8 byte-order mark at the
/// start of the file is not part of line 1: column 1 is the first byte after it, as YAML
/// parsers and editors count.
public struct SourceFile: Sendable {
  /// The path as the user gave it.
  public let path: String
  /// The file's bytes, BOM included.
  public let bytes: [UInt8]
  /// 3 when the file starts with a UTF-8 byte-order mark, otherwise 0.
  public let bomLength: Int
  /// The byte offset where each line starts (line 1 starts after the BOM).
  public let lineStarts: [Int]
  /// For each line holding a byte above 0x7F: the byte offset of its scalars 1, 65, 129, …
  /// (every 64th), so ``offset(line:scalarColumn:)`` takes at most 64 steps however long the
  /// line is. Lines of ASCII need none: there a scalar column is a byte column.
  private let scalarCheckpoints: [Int: [Int]]

  /// Creates a source file from its bytes.
  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
    let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    self.bomLength = bom ? 3 : 0
    var starts = [bom ? 3 : 0]
    starts.reserveCapacity(16)
    var index = bomLength
    let count = bytes.count
    while index < count {
      if bytes[index] == 0x0A { starts.append(index + 1) }
      index += 1
    }
    self.lineStarts = starts
    self.scalarCheckpoints = Self.checkpoints(bytes, lineStarts: starts)
  }

  /// The scalar checkpoints of every line that is not all ASCII, stepping through each line's
  /// content (up to ``lineContentEnd(_:)``) the way ``offset(line:scalarColumn:)`` steps.
  private static func checkpoints(_ bytes: [UInt8], lineStarts: [Int]) -> [Int: [Int]] {
    var result: [Int: [Int]] = [:]
    for line in 1...lineStarts.count {
      let start = lineStarts[line - 1]
      var end = bytes.count
      if line < lineStarts.count {
        end = lineStarts[line] - 1
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
      }
      guard bytes[start..<end].contains(where: { $0 >= 0x80 }) else { continue }
      var marks = [start]
      var offset = start
      var scalars = 1
      while offset < end {
        offset += scalarLength(leadByte: bytes[offset])
        scalars += 1
        if scalars % 64 == 1 && offset < end { marks.append(offset) }
      }
      result[line] = marks
    }
    return result
  }

  /// The number of lines (a final line break does not start another line with content, but
  /// it is counted, as editors do).
  public var lineCount: Int { lineStarts.count }

  /// The byte offset just past line `line`'s content (before its `\r\n` or `\n`).
  public func lineContentEnd(_ line: Int) -> Int {
    guard line >= 1, line <= lineStarts.count else { return bytes.count }
    guard line < lineStarts.count else { return bytes.count }
    var end = lineStarts[line] - 1
    if end > lineStarts[line - 1], bytes[end - 1] == 0x0D { end -= 1 }
    return end
  }

  /// The bytes of line `line` without its line break.
  public func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
    guard line >= 1, line <= lineStarts.count else { return [] }
    return bytes[lineStarts[line - 1]..<lineContentEnd(line)]
  }

  /// The 1-based line holding byte `offset`.
  public func line(ofOffset offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low + 1
  }

  /// The line and byte column of byte `offset`.
  public func position(ofOffset offset: Int) -> (line: Int, column: Int) {
    let line = line(ofOffset: offset)
    return (line, max(offset - lineStarts[line - 1], 0) + 1)
  }

  /// The byte offset of a line and a column counted in Unicode scalars (as libyaml counts).
  public func offset(line: Int, scalarColumn: Int) -> Int {
    guard line >= 1, line <= lineStarts.count else { return bytes.count }
    var offset = lineStarts[line - 1]
    var scalars = 1
    let end = lineContentEnd(line)
    guard let marks = scalarCheckpoints[line] else {
      return min(offset + min(max(scalarColumn - 1, 0), end - offset), bytes.count)
    }
    if scalarColumn > 1 {
      let mark = min((scalarColumn - 1) / 64, marks.count - 1)
      offset = marks[mark]
      scalars = mark * 64 + 1
    }
    while scalars < scalarColumn, offset < end {
      offset += Self.scalarLength(leadByte: bytes[offset])
      scalars += 1
    }
    return min(offset, bytes.count)
  }

  /// A location for the bytes `start..<end` (an empty range marks one point).
  public func location(_ span: SourceSpan) -> DiagnosticLocation {
    let start = position(ofOffset: span.start)
    guard span.end > span.start else {
      return DiagnosticLocation(file: path, line: start.line, column: start.column)
    }
    let end = position(ofOffset: span.end)
    return DiagnosticLocation(
      file: path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column)
  }

  /// The span of line `line`'s content.
  public func lineSpan(_ line: Int) -> SourceSpan {
    guard line >= 1, line <= lineStarts.count else { return SourceSpan(start: bytes.count, end: bytes.count) }
    return SourceSpan(start: lineStarts[line - 1], end: lineContentEnd(line))
  }

  /// Whether any line ends with `\r\n`.
  public var crlfLines: [Int] {
    var lines: [Int] = []
    for line in 1..<max(lineStarts.count, 1) {
      let breakAt = lineStarts[line] - 1
      if breakAt >= 1, bytes[breakAt - 1] == 0x0D { lines.append(line) }
    }
    return lines
  }

  /// The length of a UTF-8 sequence from its first byte (1 for stray continuation bytes).
  static func scalarLength(leadByte: UInt8) -> Int {
    switch leadByte {
    case 0xF0...0xF7: return 4
    case 0xE0...0xEF: return 3
    case 0xC0...0xDF: return 2
    default: return 1
    }
  }

  /// The offset of the first byte that is not valid UTF-8, or `nil` when all of it is valid.
  public var firstInvalidUTF8Offset: Int? {
    UTF8Scan.firstInvalid(bytes[bomLength...]).map { $0 + bomLength }
  }

  /// The text after the BOM, decoded as UTF-8 (invalid bytes become U+FFFD).
  public var text: String {
    String(decoding: bytes[bomLength...], as: UTF8.self)
  }
}

/// A byte range in a ``SourceFile``: `start..<end`.
public struct SourceSpan: Hashable, Sendable {
  /// The first byte.
  public var start: Int
  /// The byte just past the end (equal to `start` for a point).
  public var end: Int

  /// Creates a span.
  public init(start: Int, end: Int) {
    self.start = start
    self.end = max(end, start)
  }

  /// A point.
  public static func point(_ offset: Int) -> SourceSpan { SourceSpan(start: offset, end: offset) }
}
