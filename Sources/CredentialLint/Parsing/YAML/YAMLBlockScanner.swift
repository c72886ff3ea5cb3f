/// A light line scanner for YAML block mappings. It finds every `key:` line, its nesting (by
/// indentation) and the last line of its block, so that duplicate keys can be reported with
/// all their line numbers and the sections PyYAML drops can be blanked out before Yams reads
/// the rest (Yams refuses a document with duplicate keys outright).
///
/// It understands block mappings, comments and quoted keys; other lines (sequence items,
/// continuation lines of multi-line values) only extend the block they are in.
struct YAMLBlockScanner {
  /// One `key:` line.
  struct KeyLine {
    /// The 1-based line.
    var line: Int
    /// Spaces before the key.
    var indent: Int
    /// The key as written (quotes removed).
    var text: String
    /// The key as PyYAML compares it (booleans and nulls folded to one spelling).
    var identity: String
    /// The index (in the scan) of the key whose mapping holds it; `nil` at the top level.
    var parent: Int?
    /// The keys of the mappings it is nested in, as written.
    var displayPath: [String]
    /// Byte offsets of the key token.
    var span: SourceSpan
    /// The last line of its block (its own line when the value is on the same line).
    var lastLine: Int
    /// Whether lines nested under it hold keys (a section).
    var hasChildren: Bool
  }

  let source: SourceFile

  /// Scans the file's lines.
  func scan() -> [KeyLine] {
    var keys: [KeyLine] = []
    var stack: [Int] = []  // indices into keys
    for line in 1...max(source.lineCount, 1) {
      let bytes = source.lineBytes(line)
      var index = bytes.startIndex
      while index < bytes.endIndex, bytes[index] == 0x20 { index += 1 }
      guard index < bytes.endIndex else { continue }
      let first = bytes[index]
      if first == UInt8(ascii: "#") { continue }
      let indent = index - bytes.startIndex
      if indent == 0, bytes.count >= 3,
        bytes.starts(with: Array("---".utf8)) || bytes.starts(with: Array("...".utf8))
      {
        stack.removeAll()
        continue
      }
      let isSequenceItem =
        first == UInt8(ascii: "-") && (index + 1 == bytes.endIndex || bytes[index + 1] == 0x20)
      guard let key = keyToken(bytes, from: index) else {
        // A continuation or sequence line: it ends deeper blocks and extends the others.
        while let top = stack.last,
          keys[top].indent > indent || (keys[top].indent == indent && !isSequenceItem)
        {
          stack.removeLast()
        }
        for open in stack { keys[open].lastLine = line }
        continue
      }
      while let top = stack.last, keys[top].indent >= indent { stack.removeLast() }
      for open in stack {
        keys[open].lastLine = line
        keys[open].hasChildren = true
      }
      let displayPath = stack.map { keys[$0].text }
      keys.append(
        KeyLine(
          line: line, indent: indent, text: key.text, identity: key.identity, parent: stack.last,
          displayPath: displayPath, span: key.span, lastLine: line, hasChildren: false))
      stack.append(keys.count - 1)
    }
    return keys
  }

  /// The key at `start` if the line is `key: ...` or `key:`.
  private func keyToken(_ bytes: ArraySlice<UInt8>, from start: Int) -> (
    text: String, identity: String, span: SourceSpan
  )? {
    let first = bytes[start]
    var end: Int
    var text: String
    var plain = false
    if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
      var index = start + 1
      var closed = false
      var raw: [UInt8] = []
      while index < bytes.endIndex {
        let byte = bytes[index]
        if first == UInt8(ascii: "'"), byte == UInt8(ascii: "'") {
          if index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "'") {
            raw.append(byte)
            index += 2
            continue
          }
          closed = true
          break
        }
        if first == UInt8(ascii: "\""), byte == UInt8(ascii: "\\"), index + 1 < bytes.endIndex {
          raw.append(bytes[index + 1])
          index += 2
          continue
        }
        if first == UInt8(ascii: "\""), byte == UInt8(ascii: "\"") {
          closed = true
          break
        }
        raw.append(byte)
        index += 1
      }
      guard closed else { return nil }
      end = index + 1
      text = String(decoding: raw, as: UTF8.self)
      var colon = end
      while colon < bytes.endIndex, bytes[colon] == 0x20 { colon += 1 }
      guard colon < bytes.endIndex, bytes[colon] == UInt8(ascii: ":"),
        colon + 1 == bytes.endIndex || bytes[colon + 1] == 0x20 || bytes[colon + 1] == 0x09
      else { return nil }
    } else {
      if "-?[]{}&*!|>%@`,#".utf8.contains(first) { return nil }
      var index = start
      var found: Int?
      while index < bytes.endIndex {
        let byte = bytes[index]
        if byte == UInt8(ascii: "#"), index > start, bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 { break }
        if byte == UInt8(ascii: ":"),
          index + 1 == bytes.endIndex || bytes[index + 1] == 0x20 || bytes[index + 1] == 0x09
        {
          found = index
          break
        }
        index += 1
      }
      guard let colon = found else { return nil }
      end = colon
      while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      guard end > start else { return nil }
      text = String(decoding: bytes[start..<end], as: UTF8.self)
      plain = true
    }
    var identity = "s:" + text
    if plain {
      switch YAMLImplicitResolver.resolve(text) {
      case .boolean(let value): identity = "b:\(value)"
      case .null: identity = "n:"
      default: break
      }
    }
    return (text, identity, SourceSpan(start: start, end: end))
  }

  /// The file's text with the given line ranges replaced by spaces (line breaks kept), so that
  /// line and column numbers stay true.
  static func blanking(_ source: SourceFile, lines ranges: [ClosedRange<Int>]) -> [UInt8] {
    var bytes = Array(source.bytes[source.bomLength...])
    let shift = source.bomLength
    for range in ranges {
      for line in range where line >= 1 && line <= source.lineCount {
        let span = source.lineSpan(line)
        for offset in span.start..<span.end { bytes[offset - shift] = 0x20 }
      }
    }
    return bytes
  }
}
