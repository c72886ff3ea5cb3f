import Foundation

/// `{{name}}` placeholders in guide text and link destinations.
public enum VariableText {
  /// One `{{name}}` occurrence.
  public struct Occurrence: Hashable, Sendable {
    /// The variable's name (trimmed).
    public var name: String
    /// The 0-based UTF-8 offset of the opening `{{`.
    public var offset: Int
  }

  /// The variables named in `text`, in order.
  public static func occurrences(in text: String) -> [Occurrence] {
    occurrences(inUTF8: Array(text.utf8))
  }

  /// The variables named in UTF-8 text, in order.
  static func occurrences(inUTF8 bytes: [UInt8]) -> [Occurrence] {
    var result: [Occurrence] = []
    scan(bytes) { name, offset in result.append(Occurrence(name: name, offset: offset)) }
    return result
  }

  /// Replaces each `{{name}}` with `replacement(name)`. Text outside placeholders is unchanged.
  public static func substitute(_ text: String, _ replacement: (String) -> String) -> String {
    guard text.utf8.contains(UInt8(ascii: "{")) else { return text }
    let bytes = Array(text.utf8)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = 0
    var copied = 0
    while index + 1 < bytes.count {
      if bytes[index] == UInt8(ascii: "{") && bytes[index + 1] == UInt8(ascii: "{"),
        let (name, end) = placeholder(bytes, at: index)
      {
        output.append(contentsOf: bytes[copied..<index])
        output.append(contentsOf: replacement(name).utf8)
        index = end
        copied = end
      } else {
        index += 1
      }
    }
    output.append(contentsOf: bytes[copied...])
    return String(decoding: output, as: UTF8.self)
  }

  private static func scan(_ bytes: [UInt8], _ found: (String, Int) -> Void) {
    var index = 0
    while index + 1 < bytes.count {
      // Jump to the next `{` (memchr looks at many bytes at a time).
      guard let brace = nextBrace(in: bytes, from: index) else { return }
      index = brace
      if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "{"),
        let (name, end) = placeholder(bytes, at: index)
      {
        found(name, index)
        index = end
      } else {
        index += 1
      }
    }
  }

  private static func nextBrace(in bytes: [UInt8], from: Int) -> Int? {
    bytes.withUnsafeBytes { raw -> Int? in
      guard let base = raw.baseAddress, from < raw.count,
        let found = memchr(base + from, Int32(UInt8(ascii: "{")), raw.count - from)
      else { return nil }
      return base.distance(to: UnsafeRawPointer(found))
    }
  }

  /// A placeholder at `start`: `{{`, optional spaces, a name of letters, digits, `_`, `-`, `.`,
  /// optional spaces, `}}`. Returns the name and the offset after `}}`.
  private static func placeholder(_ bytes: [UInt8], at start: Int) -> (String, Int)? {
    var index = start + 2
    while index < bytes.count && bytes[index] == 0x20 { index += 1 }
    let nameStart = index
    while index < bytes.count {
      let byte = bytes[index]
      let isName =
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
      guard isName else { break }
      index += 1
    }
    let nameEnd = index
    while index < bytes.count && bytes[index] == 0x20 { index += 1 }
    guard nameEnd > nameStart, index + 1 < bytes.count, bytes[index] == UInt8(ascii: "}"),
      bytes[index + 1] == UInt8(ascii: "}")
    else { return nil }
    return (String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self), index + 2)
  }
}
