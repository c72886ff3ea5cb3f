#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fast scans over UTF-8 bytes, shared by every reader of user files (guides, credential files,
/// the cmark wrapper): strict validation, skipping runs of ASCII eight bytes at a time, and
/// `memchr`; and the byte checks of the escapers and placeholder scanners (plain ASCII, byte
/// sets, hex digits, `{{`).
public enum UTF8Scan {
  /// The offset (from the start of `bytes`) of the first byte that does not begin a well-formed
  /// UTF-8 sequence (overlong forms, surrogates and values past U+10FFFF are ill-formed), or
  /// `nil` when all of it is valid.
  public static func firstInvalid(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let raw = UnsafeRawBufferPointer(bytes)
    let count = bytes.count
    var index = 0
    while index < count {
      while index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
        index += 8
      }
      guard index < count else { return nil }
      let byte = bytes[index]
      let length: Int
      let minimum: UInt32
      var scalar: UInt32
      switch byte {
      case 0x00...0x7F:
        index += 1
        continue
      case 0xC2...0xDF:
        length = 2
        scalar = UInt32(byte & 0x1F)
        minimum = 0x80
      case 0xE0...0xEF:
        length = 3
        scalar = UInt32(byte & 0x0F)
        minimum = 0x800
      case 0xF0...0xF4:
        length = 4
        scalar = UInt32(byte & 0x07)
        minimum = 0x10000
      default:
        return index
      }
      guard index + length <= count else { return index }
      for next in 1..<length {
        let continuation = bytes[index + next]
        guard continuation & 0xC0 == 0x80 else { return index }
        scalar = scalar << 6 | UInt32(continuation & 0x3F)
      }
      if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
      index += length
    }
    return nil
  }

  /// The offset (from `bytes.startIndex`) of the first ill-formed sequence, or `nil`.
  public static func firstInvalid(_ bytes: ArraySlice<UInt8>) -> Int? {
    bytes.withUnsafeBufferPointer { firstInvalid(in: $0) }
  }

  /// Whether `bytes` is well-formed UTF-8.
  public static func isValid(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { firstInvalid(in: $0) } == nil
  }

  /// The index of the first `byte` in `bytes` at or after `from` (an index of `bytes`), or `nil`.
  public static func find(_ byte: UInt8, in bytes: ArraySlice<UInt8>, from: Int? = nil) -> Int? {
    let start = from ?? bytes.startIndex
    guard start < bytes.endIndex else { return nil }
    return bytes.withUnsafeBufferPointer { buffer -> Int? in
      guard let base = buffer.baseAddress else { return nil }
      let offset = start - bytes.startIndex
      guard let found = memchr(base + offset, Int32(byte), buffer.count - offset) else { return nil }
      return bytes.startIndex + UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }
  }

  /// The index of the first `byte` in `bytes` at or after `from`, or `nil`.
  public static func find(_ byte: UInt8, in bytes: [UInt8], from: Int = 0) -> Int? {
    find(byte, in: bytes[...], from: from)
  }

  /// Whether `text` holds `{{` (and so may hold a placeholder).
  public static func mayHavePlaceholder(_ text: String) -> Bool {
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if byte == 0x7B && previous == 0x7B { return true }
      previous = byte
    }
    return false
  }

  /// Every non-empty line of `text` with `indent` before it.
  public static func indented(_ text: String, by indent: String) -> String {
    var text = text
    let indentBytes = Array(indent.utf8)
    return text.withUTF8 { bytes -> String in
      guard bytes.baseAddress != nil else { return "" }
      var output: [UInt8] = []
      output.reserveCapacity(bytes.count + 16 * indentBytes.count + 64)
      var start = 0
      while start < bytes.count {
        let lineEnd = find(0x0A, in: bytes, from: start) ?? bytes.count
        if lineEnd > start { output.append(contentsOf: indentBytes) }
        let next = min(lineEnd + 1, bytes.count)
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<next]))
        start = next
      }
      return String(decoding: output, as: UTF8.self)
    }
  }

  /// The offset of the first `byte` in `bytes` at or after the offset `from`, or `nil`.
  static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
    guard let base = bytes.baseAddress, from < bytes.count else { return nil }
    guard let found = memchr(base + from, Int32(byte), bytes.count - from) else { return nil }
    return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
  }

  /// Whether every byte of `value` is printable ASCII (0x20 to 0x7E) and none is in `special`.
  /// Escapers use it to return such values without looking at each scalar.
  public static func isPlainASCII(_ value: String, avoiding special: ByteSet) -> Bool {
    for byte in value.utf8 where byte < 0x20 || byte > 0x7E || special.contains(byte) { return false }
    return true
  }

  /// Whether `byte` is an ASCII letter or digit.
  @inline(__always)
  public static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }

  /// Whether no byte of `value` is in `special` (other bytes, including non-ASCII, are fine).
  public static func avoids(_ value: String, _ special: ByteSet) -> Bool {
    for byte in value.utf8 where special.contains(byte) { return false }
    return true
  }

  /// A set of ASCII bytes.
  public struct ByteSet: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// The bytes of `characters` (ASCII).
    public init(_ characters: String) {
      for byte in characters.utf8 where byte < 0x80 {
        if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
      }
    }

    /// Whether `byte` is in the set.
    @inline(__always)
    public func contains(_ byte: UInt8) -> Bool {
      byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }
  }

  /// `\u{XXXX}`-style hex digits, upper case, zero-padded to `width`.
  public static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  /// Whether a scalar is invisible or a control: C0, DEL, C1, line and paragraph separators,
  /// format characters (zero-width, BOM, bidi controls), surrogates, private use, unassigned.
  public static func isInvisibleOrControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
      return true
    default:
      return false
    }
  }

  // MARK: - Trimming and matching ASCII in UTF-8 bytes

  /// Spaces and tabs, as a set for ``trimmed(_:_:)``.
  public static let spaceTab: (UInt8, UInt8, UInt8, UInt8) = (0x20, 0x09, 0x20, 0x20)
  /// Spaces, tabs and line feeds, as a set for ``trimmed(_:_:)``.
  public static let spaceTabNewline: (UInt8, UInt8, UInt8, UInt8) = (0x20, 0x09, 0x0A, 0x20)

  /// Whether `byte` is one of the (up to four) ASCII bytes in `set`.
  @inline(__always)
  static func contains(_ set: (UInt8, UInt8, UInt8, UInt8), _ byte: UInt8) -> Bool {
    byte == set.0 || byte == set.1 || byte == set.2 || byte == set.3
  }

  /// The range of `bytes` (indices of `bytes`) without its leading and trailing bytes in `set`,
  /// such as ``spaceTab``. The set holds ASCII bytes, which are whole scalars, so this is what
  /// trimming the decoded text's scalars gives, without making a `String`.
  public static func trimmed(_ bytes: ArraySlice<UInt8>, _ set: (UInt8, UInt8, UInt8, UInt8)) -> Range<Int> {
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, contains(set, bytes[start]) { start += 1 }
    while end > start, contains(set, bytes[end - 1]) { end -= 1 }
    return start..<end
  }

  /// The index (of `bytes`) where the first occurrence of `needle` at or after `from` starts, or
  /// `nil`. An empty needle is never found.
  public static func find(_ needle: StaticString, in bytes: ArraySlice<UInt8>, from: Int) -> Int? {
    needle.withUTF8Buffer { needle in
      guard let first = needle.first, needle.count <= bytes.count else { return nil }
      var index = max(from, bytes.startIndex)
      while index + needle.count <= bytes.endIndex {
        if bytes[index] == first {
          var matched = 1
          while matched < needle.count && bytes[index + matched] == needle[matched] { matched += 1 }
          if matched == needle.count { return index }
        }
        index += 1
      }
      return nil
    }
  }

  /// Whether `bytes` starts with the bytes of `prefix`.
  public static func hasPrefix(_ bytes: ArraySlice<UInt8>, _ prefix: StaticString) -> Bool {
    prefix.withUTF8Buffer { prefix in
      guard bytes.count >= prefix.count else { return false }
      var index = 0
      while index < prefix.count {
        if bytes[bytes.startIndex + index] != prefix[index] { return false }
        index += 1
      }
      return true
    }
  }
}
