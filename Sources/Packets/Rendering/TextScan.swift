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
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count + 64)
    var atLineStart = true
    for byte in text.utf8 {
      if atLineStart && byte != 0x0A { output.append(contentsOf: indent.utf8) }
      output.append(byte)
      atLineStart = byte == 0x0A
    }
    return String(decoding: output, as: UTF8.self)
  }
}
