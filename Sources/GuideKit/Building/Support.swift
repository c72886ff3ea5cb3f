import CommonMark
import OnboardDiagnostics

/// `<a id="…"></a>` anchors in headings and steps.
enum Anchor {
  /// The id of an `<a id="…">` or `<a name="…">` tag, if `html` is one.
  static func id(in html: String) -> String? {
    let bytes = Array(html.utf8)
    var start = 0
    while start < bytes.count && (bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0A) { start += 1 }
    guard start + 2 < bytes.count, bytes[start] == UInt8(ascii: "<"), bytes[start + 1] == UInt8(ascii: "a"),
      bytes[start + 2] == 0x20 || bytes[start + 2] == 0x09
    else { return nil }
    for attribute in ["id", "name"] {
      for quote in [UInt8(ascii: "\""), UInt8(ascii: "'")] {
        let marker = Array(" \(attribute)=".utf8) + [quote]
        guard let found = find(marker, in: bytes, from: start) else { continue }
        let valueStart = found + marker.count
        guard let end = bytes[valueStart...].firstIndex(of: quote), end > valueStart else { continue }
        return String(decoding: bytes[valueStart..<end], as: UTF8.self)
      }
    }
    return nil
  }

  /// Removes `<a id="…"></a>` from the start of a Markdown line.
  static func strip(_ markdown: String) -> String {
    let bytes = Array(markdown.utf8)
    guard bytes.starts(with: "<a ".utf8) else { return markdown.trimmingCharacters(in: " \t") }
    var rest = bytes.count
    if let close = find(Array("</a>".utf8), in: bytes, from: 0) {
      rest = close + 4
    } else if let end = bytes.firstIndex(of: UInt8(ascii: ">")) {
      rest = end + 1
    }
    return String(decoding: bytes[rest...], as: UTF8.self).trimmingCharacters(in: " \t")
  }

  /// The offset of the first occurrence of `needle` in `bytes` at or after `from`.
  static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
    guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
    var index = from
    while index + needle.count <= bytes.count {
      if bytes[index] == needle[0] && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
      index += 1
    }
    return nil
  }
}

/// GitHub-style heading slugs: lowercase, punctuation dropped, spaces to hyphens.
enum Slug {
  /// The slug of a heading's text.
  static func make(_ text: String) -> String {
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
}

/// Removes list-item indentation from a block's source lines.
enum Dedent {
  /// Lines `from...to`, each with up to `indent` leading spaces removed.
  static func lines(_ source: SourceText, from: Int, to: Int, indent: Int) -> String {
    var result: [String] = []
    guard from <= to else { return "" }
    for number in from...to {
      let line = source.line(number)
      var dropped = 0
      var index = line.startIndex
      while dropped < indent, index < line.endIndex, line[index] == " " {
        index = line.index(after: index)
        dropped += 1
      }
      result.append(String(line[index...]))
    }
    while let last = result.last, last.trimmingCharacters(in: " \t").isEmpty { result.removeLast() }
    return result.joined(separator: "\n")
  }
}

/// The Markdown inside a note's block quote, without `>` markers and without its label.
enum NoteText {
  static func body(of quote: MarkdownNode, source: SourceText) -> String {
    guard let range = quote.range else { return "" }
    var lines: [String] = []
    for number in range.start.line...range.end.line {
      let bytes = Array(source.line(number).utf8)
      var start = 0
      while start < bytes.count && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
      if start < bytes.count && bytes[start] == UInt8(ascii: ">") {
        start += 1
        if start < bytes.count && bytes[start] == 0x20 { start += 1 }
      }
      lines.append(String(decoding: bytes[start...], as: UTF8.self))
    }
    var text = lines.joined(separator: "\n").trimmingCharacters(in: " \t\n")
    // Drop the label: **Note:** / **Warning**: / [!NOTE]
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

  /// Reports regions still open at the end of a step or stage.
  func reportUnclosed(into diagnostics: inout [Diagnostic], file: String) {
    for entry in entries {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.unclosedCondition,
          message: "This <!-- when: … --> region is not closed with <!-- end --> in the same step or stage.",
          location: entry.location, fix: "Add <!-- end --> where the conditional part ends."))
    }
  }
}
