/// Small helpers for working on a guide's UTF-8 bytes, so that building a guide copies slices of
/// the source once instead of making and remaking `String`s line by line.
enum UTF8Text {
  /// Spaces and tabs.
  static let spaceTab: (UInt8, UInt8, UInt8, UInt8) = (0x20, 0x09, 0x20, 0x20)
  /// Spaces, tabs and line feeds.
  static let spaceTabNewline: (UInt8, UInt8, UInt8, UInt8) = (0x20, 0x09, 0x0A, 0x20)

  @inline(__always)
  static func contains(_ set: (UInt8, UInt8, UInt8, UInt8), _ byte: UInt8) -> Bool {
    byte == set.0 || byte == set.1 || byte == set.2 || byte == set.3
  }

  /// The range of `bytes` without leading and trailing bytes in `set` (ASCII bytes are whole
  /// scalars, so this is what trimming the decoded text's scalars gives).
  static func trimmed(_ bytes: ArraySlice<UInt8>, _ set: (UInt8, UInt8, UInt8, UInt8)) -> Range<Int> {
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, contains(set, bytes[start]) { start += 1 }
    while end > start, contains(set, bytes[end - 1]) { end -= 1 }
    return start..<end
  }

  /// The offset of the first occurrence of `needle` in `bytes[from...]`.
  static func find(_ needle: StaticString, in bytes: ArraySlice<UInt8>, from: Int) -> Int? {
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

  /// Whether `bytes` starts with `prefix`.
  static func hasPrefix(_ bytes: ArraySlice<UInt8>, _ prefix: StaticString) -> Bool {
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

  /// The bytes as a string (the source is valid UTF-8; anything else is repaired).
  static func string(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
  }
}
