import OnboardSupport

/// The UTF-8 bytes of a source, with a line index, so that cmark's line and byte column can be
/// turned into offsets and slices cheaply.
///
/// Lines end the way CommonMark (and cmark) ends them: at `\n`, at `\r\n`, or at a lone `\r`.
/// The bytes are the ones cmark counts columns in: a NUL byte is stored as U+FFFD (`EF BF BD`),
/// as cmark replaces it before parsing, so columns after a NUL still match cmark's.
public struct SourceText: Sendable {
  /// The source's bytes (with any NUL replaced by U+FFFD, as cmark sees them).
  public let bytes: [UInt8]
  /// The byte offset where each line starts; `lineStarts[0]` is line 1.
  public let lineStarts: [Int]

  /// Indexes `text` by line.
  public init(_ text: String) {
    self.init(validUTF8: Array(text.utf8))
  }

  /// Indexes raw UTF-8 bytes by line.
  ///
  /// Invalid UTF-8 is repaired to U+FFFD first, exactly as `String(decoding:as:)` does, so the
  /// columns match a document parsed from `String(decoding: bytes, as: UTF8.self)`.
  public init(bytes: [UInt8]) {
    // Valid input (the usual case) is used as it is; only invalid input is decoded and repaired.
    self.init(validUTF8: UTF8Scan.isValid(bytes) ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8))
  }

  private init(validUTF8 input: [UInt8]) {
    let bytes = UTF8Scan.find(0, in: input) != nil ? SourceText.replacingNUL(in: input) : input
    var starts = [0]
    starts.reserveCapacity(bytes.count / 32 + 1)
    let lineFeed = UInt8(ascii: "\n")
    let carriageReturn = UInt8(ascii: "\r")
    if UTF8Scan.find(carriageReturn, in: bytes) == nil {
      // Only `\n` ends lines: jump from one to the next with `memchr`.
      var offset = 0
      while let found = UTF8Scan.find(lineFeed, in: bytes, from: offset) {
        starts.append(found + 1)
        offset = found + 1
      }
    } else {
      for (offset, byte) in bytes.enumerated() {
        if byte == lineFeed {
          starts.append(offset + 1)
        } else if byte == carriageReturn, offset + 1 == bytes.count || bytes[offset + 1] != lineFeed {
          starts.append(offset + 1)
        }
      }
    }
    self.bytes = bytes
    self.lineStarts = starts
  }

  private static func replacingNUL(in bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count + 16)
    for byte in bytes {
      if byte == 0 {
        result.append(contentsOf: [0xEF, 0xBF, 0xBD])
      } else {
        result.append(byte)
      }
    }
    return result
  }

  /// The number of lines. A final line without a line break counts; text that ends with a line
  /// break has an empty last line after it (`"a\n"` has 2 lines).
  public var lineCount: Int { lineStarts.count }

  /// The byte offset of a location, clamped into the source.
  public func offset(of location: SourceLocation) -> Int {
    let lineIndex = min(max(location.line - 1, 0), lineStarts.count - 1)
    return min(lineStarts[lineIndex] + max(location.column - 1, 0), bytes.count)
  }

  /// The location of a byte offset (clamped into `0...bytes.count`).
  public func location(ofOffset offset: Int) -> SourceLocation {
    let offset = min(max(offset, 0), bytes.count)
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return SourceLocation(line: low + 1, column: offset - lineStarts[low] + 1)
  }

  /// The byte offsets of one 1-based line's content in ``bytes``, without its line break (`\n`,
  /// `\r\n` or `\r`); an empty range for a line number outside the source.
  public func lineRange(_ number: Int) -> Range<Int> {
    guard number >= 1, number <= lineStarts.count else { return 0..<0 }
    let start = lineStarts[number - 1]
    var end = number < lineStarts.count ? lineStarts[number] : bytes.count
    if end > start, number < lineStarts.count {
      // Drop the terminator: `\n` (and a `\r` before it) or a lone `\r`.
      if bytes[end - 1] == UInt8(ascii: "\n") {
        end -= 1
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
      } else {
        end -= 1
      }
    }
    return start..<end
  }

  /// The text of one 1-based line, without its line break (`\n`, `\r\n` or `\r`); empty for a
  /// line number outside the source.
  public func line(_ number: Int) -> String {
    String(decoding: bytes[lineRange(number)], as: UTF8.self)
  }

  /// The text covered by a range (inclusive end), as cmark reports it.
  public func text(in range: SourceRange) -> String {
    let start = offset(of: range.start)
    let end = min(offset(of: range.end) + 1, bytes.count)
    guard end > start else { return "" }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}
