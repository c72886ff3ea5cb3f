import CommonMark
import Foundation
import OnboardDiagnostics
import OnboardSupport

/// `<a id="…"></a>` anchors in headings and steps.
enum Anchor {
  /// The id of an `<a id="…">` or `<a name="…">` tag, if `html` is one.
  static func id(in html: String) -> String? {
    var html = html
    return html.withUTF8 { id(inUTF8: $0) }
  }

  /// The id of an `<a id="…">` or `<a name="…">` tag, if the UTF-8 bytes are one.
  static func id(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var start = 0
    while start < bytes.count && (bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0A) {
      start += 1
    }
    guard start + 2 < bytes.count, bytes[start] == UInt8(ascii: "<"), bytes[start + 1] == UInt8(ascii: "a"),
      bytes[start + 2] == 0x20 || bytes[start + 2] == 0x09
    else { return nil }
    for marker: StaticString in [" id=\"", " id='", " name=\"", " name='"] {
      let found: Int? = marker.withUTF8Buffer { marker in
        var index = start
        while index + marker.count <= bytes.count {
          var matched = 0
          while matched < marker.count && bytes[index + matched] == marker[matched] { matched += 1 }
          if matched == marker.count { return index }
          index += 1
        }
        return nil
      }
      guard let found else { continue }
      let quote = bytes[found + marker.utf8CodeUnitCount - 1]
      let valueStart = found + marker.utf8CodeUnitCount
      var end = valueStart
      while end < bytes.count && bytes[end] != quote { end += 1 }
      guard end < bytes.count, end > valueStart else { continue }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<end]), as: UTF8.self)
    }
    return nil
  }

  /// Removes `<a id="…"></a>` from the start of a Markdown line.
  static func strip(_ markdown: String) -> String {
    let bytes = Array(markdown.utf8)
    let range = strip(bytes[...])
    if range == bytes.indices { return markdown }
    return String(decoding: bytes[range], as: UTF8.self)
  }

  /// The range of `bytes` left once a leading `<a …></a>` is removed, trimmed of spaces and tabs.
  static func strip(_ bytes: ArraySlice<UInt8>) -> Range<Int> {
    guard UTF8Scan.hasPrefix(bytes, "<a ") else { return UTF8Scan.trimmed(bytes, UTF8Scan.spaceTab) }
    var rest = bytes.endIndex
    if let close = UTF8Scan.find("</a>", in: bytes, from: bytes.startIndex) {
      rest = close + 4
    } else if let end = bytes.firstIndex(of: UInt8(ascii: ">")) {
      rest = end + 1
    }
    return UTF8Scan.trimmed(bytes[rest...], UTF8Scan.spaceTab)
  }
}

/// GitHub-style heading slugs: lowercase, punctuation dropped, spaces to hyphens.
enum Slug {
  /// The slug of a heading's text.
  static func make(_ text: String) -> String {
    if let slug = asciiSlug(text) { return slug }
    var slug = ""
    for character in text.lowercased() {
      if character.isLetter || character.isNumber || character == "-" || character == "_" {
        slug.append(character)
      } else if character == " " {
        slug.append("-")
      }
    }
    return slug.isEmpty ? "section" : slug
  }

  /// ``make(_:)`` for text that is all ASCII, byte by byte (there a character is one byte, a
  /// letter is A-Z or a-z and a number 0-9), else nil. Headings are almost always ASCII, and
  /// the character-by-character path costs about ten times more.
  private static func asciiSlug(_ text: String) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      switch byte {
      case 0x80...: return nil
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte | 0x20)
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
        UInt8(ascii: "_"):
        bytes.append(byte)
      case UInt8(ascii: " "): bytes.append(UInt8(ascii: "-"))
      default: continue
      }
    }
    return bytes.isEmpty ? "section" : String(decoding: bytes, as: UTF8.self)
  }
}

/// Removes list-item indentation from a block's source lines.
enum Dedent {
  /// Lines `from...to`, each with up to `indent` leading spaces removed.
  static func lines(_ source: SourceText, from: Int, to: Int, indent: Int) -> String {
    guard from <= to else { return "" }
    var output: [UInt8] = []
    // Where the output ends without the whitespace-only lines at its end.
    var keep = 0
    for number in from...to {
      let range = source.lineRange(number)
      var index = range.lowerBound
      var dropped = 0
      while dropped < indent, index < range.upperBound, source.bytes[index] == 0x20 {
        // A space followed by a combining mark is not a " " character: leave it.
        if index + 1 < range.upperBound && source.bytes[index + 1] >= 0x80 && !isSpaceCharacter(source, at: index) {
          break
        }
        index += 1
        dropped += 1
      }
      if number > from { output.append(0x0A) }
      output.append(contentsOf: source.bytes[index..<range.upperBound])
      if !source.bytes[index..<range.upperBound].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { keep = output.count }
    }
    return String(decoding: output[..<keep], as: UTF8.self)
  }

  /// Whether the space at `offset` is a character of its own (not the base of a combining sequence).
  static func isSpaceCharacter(_ source: SourceText, at offset: Int) -> Bool {
    let range = offset..<min(offset + 8, source.bytes.count)
    return String(decoding: source.bytes[range], as: UTF8.self).first == " "
  }
}

/// The Markdown inside a note's block quote, without `>` markers and without its label.
enum NoteText {
  static func body(of quote: MarkdownNode, source: SourceText) -> String {
    guard let range = quote.range else { return "" }
    var output: [UInt8] = []
    for number in range.start.line...range.end.line {
      let line = source.lineRange(number)
      var start = line.lowerBound
      while start < line.upperBound && (source.bytes[start] == 0x20 || source.bytes[start] == 0x09) { start += 1 }
      if start < line.upperBound && source.bytes[start] == UInt8(ascii: ">") {
        start += 1
        if start < line.upperBound && source.bytes[start] == 0x20 { start += 1 }
      }
      if number > range.start.line { output.append(0x0A) }
      output.append(contentsOf: source.bytes[start..<line.upperBound])
    }
    var text = UTF8Scan.trimmed(output[...], UTF8Scan.spaceTabNewline)
    // Drop the label: **Note:** / **Warning**: / [!NOTE]
    if UTF8Scan.hasPrefix(output[text], "**") {
      guard let close = UTF8Scan.find("**", in: output[text], from: text.lowerBound + 2) else {
        return String(decoding: output[text], as: UTF8.self)
      }
      // Plain ASCII up to the colon after the label: bytes are characters, so the byte search
      // found what a character search finds.
      let checked = min(close + 4, text.upperBound)
      guard output[text.lowerBound..<checked].allSatisfy({ $0 < 0x80 }) else {
        return slowBody(String(decoding: output[text], as: UTF8.self))
      }
      var rest = close + 2
      if rest < text.upperBound && output[rest] == UInt8(ascii: ":") { rest += 1 }
      text = rest..<text.upperBound
    } else if UTF8Scan.hasPrefix(output[text], "[!") {
      guard let close = output[text].firstIndex(of: UInt8(ascii: "]")) else {
        return String(decoding: output[text], as: UTF8.self)
      }
      guard output[text.lowerBound..<min(close + 2, text.upperBound)].allSatisfy({ $0 < 0x80 }) else {
        return slowBody(String(decoding: output[text], as: UTF8.self))
      }
      text = (close + 1)..<text.upperBound
    }
    return String(decoding: output[UTF8Scan.trimmed(output[text], UTF8Scan.spaceTabNewline)], as: UTF8.self)
  }

  /// The label removal on characters, for a label that is not plain ASCII.
  static func slowBody(_ trimmed: String) -> String {
    var text = trimmed
    if text.hasPrefix("**"), let close = text.dropFirst(2).range(of: "**") {
      var rest = text[close.upperBound...]
      if rest.hasPrefix(":") { rest = rest.dropFirst() }
      text = String(rest)
    } else if text.hasPrefix("[!"), let close = text.firstIndex(of: "]") {
      text = String(text[text.index(after: close)...])
    }
    return text.trimmingCharacters(in: " \t\n")
  }
}

/// Nested `<!-- when: … -->` regions.
struct ConditionStack {
  private var entries: [(condition: Condition?, location: DiagnosticLocation)] = []

  /// Opens a region (a `nil` condition stands for one that did not parse).
  mutating func push(_ condition: Condition?, at location: DiagnosticLocation) {
    entries.append((condition, location))
  }

  /// Closes the innermost region; `false` if none is open.
  mutating func pop() -> Bool {
    guard !entries.isEmpty else { return false }
    entries.removeLast()
    return true
  }

  /// All open conditions joined with `and`.
  var combined: Condition? {
    entries.compactMap(\.condition).reduce(nil) { partial, next in partial.map { .and($0, next) } ?? next }
  }

  /// Where each region still open was opened (at the end of a step or stage, each is a
  /// problem: ``ReadingProblem/unclosedCondition(at:)``).
  var openLocations: [DiagnosticLocation] { entries.map(\.location) }

}
