import GuideKit

/// Where a `{{variable}}` sits in Markdown, which decides how its value is escaped.
public enum PlaceholderContext: Sendable, Hashable {
  /// Ordinary inline text: backslash-escaped Markdown.
  case text
  /// A link destination; `startsDestination` when the value decides the link's scheme.
  case linkDestination(startsDestination: Bool)
  /// Inside a code span (backticks): the value is literal there, so it is written as it is,
  /// with line breaks as spaces and backticks as U+FF40 so the span cannot end early.
  case codeSpan
  /// Inside a fenced code block: written as it is, with line breaks as spaces and backticks
  /// as U+FF40, so the value cannot end the block.
  case codeBlock

  /// The context of every placeholder in `text`, by the byte offset of its `{{`.
  ///
  /// A light scanner, not a full CommonMark parser: it knows fenced code blocks (``` and ~~~,
  /// indented up to three spaces), code spans (matching backtick runs within a paragraph,
  /// respecting backslash escapes) and link destinations; everything else is text.
  public static func analyse(_ text: String) -> [Int: PlaceholderContext] {
    let occurrences = VariableText.occurrences(in: text)
    guard !occurrences.isEmpty else { return [:] }
    let bytes = Array(text.utf8)
    var codeBlockRanges: [Range<Int>] = []
    var spanRanges: [Range<Int>] = []

    // Lines, fences and paragraphs.
    var lineStart = 0
    var fence: (byte: UInt8, length: Int)?
    var paragraph: [Range<Int>] = []
    func flushParagraph() {
      spanRanges += codeSpans(bytes, lines: paragraph)
      paragraph.removeAll()
    }
    while lineStart <= bytes.count {
      var lineEnd = lineStart
      while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
      let line = lineStart..<lineEnd
      var indent = lineStart
      while indent < lineEnd && indent - lineStart < 4 && bytes[indent] == 0x20 { indent += 1 }
      var run = 0
      var runByte: UInt8 = 0
      if indent - lineStart <= 3 && indent < lineEnd
        && (bytes[indent] == UInt8(ascii: "`") || bytes[indent] == UInt8(ascii: "~"))
      {
        runByte = bytes[indent]
        while indent + run < lineEnd && bytes[indent + run] == runByte { run += 1 }
      }
      if let open = fence {
        codeBlockRanges.append(line)
        if runByte == open.byte && run >= open.length {
          let rest = bytes[(indent + run)..<lineEnd]
          if rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { fence = nil }
        }
      } else if run >= 3 {
        flushParagraph()
        fence = (runByte, run)
        codeBlockRanges.append(line)
      } else if bytes[line].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
        flushParagraph()
      } else {
        paragraph.append(line)
      }
      lineStart = lineEnd + 1
    }
    flushParagraph()

    var result: [Int: PlaceholderContext] = [:]
    for occurrence in occurrences {
      let offset = occurrence.offset
      if codeBlockRanges.contains(where: { $0.contains(offset) }) {
        result[offset] = .codeBlock
      } else if spanRanges.contains(where: { $0.contains(offset) }) {
        result[offset] = .codeSpan
      } else if let start = MarkdownFiller.destinationStart(bytes, at: offset) {
        result[offset] = .linkDestination(startsDestination: start == offset)
      } else {
        result[offset] = .text
      }
    }
    return result
  }

  /// The byte ranges of code spans in a paragraph's lines.
  static func codeSpans(_ bytes: [UInt8], lines: [Range<Int>]) -> [Range<Int>] {
    guard let first = lines.first, let last = lines.last else { return [] }
    var runs: [(start: Int, length: Int)] = []
    var index = first.lowerBound
    let end = last.upperBound
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\\") {
        index += 2
        continue
      }
      if byte == UInt8(ascii: "`") {
        var length = 0
        while index + length < end && bytes[index + length] == UInt8(ascii: "`") { length += 1 }
        runs.append((index, length))
        index += length
        continue
      }
      index += 1
    }
    var spans: [Range<Int>] = []
    var position = 0
    while position < runs.count {
      let open = runs[position]
      if let match = runs[(position + 1)...].firstIndex(where: { $0.length == open.length }) {
        spans.append(open.start..<(runs[match].start + runs[match].length))
        position = match + 1
      } else {
        position += 1
      }
    }
    return spans
  }

  /// A value as written inside code, literal there and unable to end it: line breaks as
  /// spaces, backticks as U+FF40. (Packets and runbooks both write values into code with it.)
  public static func codeText(_ value: String) -> String {
    String(
      String.UnicodeScalarView(
        value.unicodeScalars.map { scalar -> Unicode.Scalar in
          switch scalar {
          case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": return " "
          case "`": return "\u{FF40}"
          default: return scalar
          }
        }))
  }
}
