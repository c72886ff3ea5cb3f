#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fast scans over UTF-8 bytes, shared by every reader of user files (guides, credential files,
/// the cmark wrapper): strict validation, skipping runs of ASCII eight bytes at a time, and
/// `memchr`.
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
}
