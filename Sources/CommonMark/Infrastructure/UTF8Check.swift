#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fast scans over UTF-8 bytes: validity (runs of ASCII eight bytes at a time) and `memchr`.
enum UTF8Check {
  /// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
  static func isValid(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { raw in
      var index = 0
      let count = raw.count
      while index < count {
        while index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        {
          index += 8
        }
        guard index < count else { return true }
        let byte = raw[index]
        let length: Int
        var minimum: UInt32 = 0
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
          return false
        }
        guard index + length <= count else { return false }
        for next in 1..<length {
          let continuation = raw[index + next]
          guard continuation & 0xC0 == 0x80 else { return false }
          scalar = scalar << 6 | UInt32(continuation & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return false }
        index += length
      }
      return true
    }
  }

  /// The offset of the first `byte` in `bytes` at or after `from`, or `nil`.
  static func find(_ byte: UInt8, in bytes: [UInt8], from: Int = 0) -> Int? {
    guard from < bytes.count else { return nil }
    return bytes.withUnsafeBytes { raw -> Int? in
      guard let base = raw.baseAddress, let found = memchr(base + from, Int32(byte), raw.count - from) else {
        return nil
      }
      return base.distance(to: UnsafeRawPointer(found))
    }
  }
}
