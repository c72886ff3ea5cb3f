#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fast byte-level checks on text, without Foundation's locale-aware searching.
enum TextScan {
  /// Whether `text` holds `{{` (and so may hold a placeholder).
  static func mayHavePlaceholder(_ text: String) -> Bool {
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if byte == 0x7B && previous == 0x7B { return true }
      previous = byte
    }
    return false
  }

  /// Every non-empty line of `text` with `indent` before it.
  static func indented(_ text: String, by indent: String) -> String {
    var text = text
    let indentBytes = Array(indent.utf8)
    return text.withUTF8 { bytes -> String in
      guard let base = bytes.baseAddress else { return "" }
      var output: [UInt8] = []
      output.reserveCapacity(bytes.count + 16 * indentBytes.count + 64)
      var start = 0
      while start < bytes.count {
        let end = memchr(base + start, 0x0A, bytes.count - start).map {
          UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base
        }
        let lineEnd = end ?? bytes.count
        if lineEnd > start { output.append(contentsOf: indentBytes) }
        let next = min(lineEnd + 1, bytes.count)
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<next]))
        start = next
      }
      return String(decoding: output, as: UTF8.self)
    }
  }
}
