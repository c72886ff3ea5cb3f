import CommonMark
import OnboardDiagnostics
import OnboardSupport

/// A paragraph split at its line breaks, each line either an attribute or plain content.
struct ParagraphLine {
  /// The inline nodes on the line (a slice of the paragraph's children).
  var nodes: ArraySlice<MarkdownNode>
  /// The 1-based source line.
  var line: Int
  /// The 1-based byte column where the line's content starts.
  var column: Int
}

/// Reads lines and labels from paragraphs, with their source text.
struct ParagraphReader {
  let source: SourceText
  let file: String

  /// Splits a paragraph's inlines at soft and hard breaks.
  func lines(of paragraph: MarkdownNode) -> [ParagraphLine] {
    // One array of the children; each line is a slice of it.
    let children = Array(paragraph.children)
    var result: [ParagraphLine] = []
    // Most paragraphs of a guide are one or two lines.
    result.reserveCapacity(2)
    var start = 0
    func flush(_ end: Int) {
      let nodes = children[start..<end]
      if let first = nodes.first(where: { $0.range != nil }), let range = first.range {
        var column = range.start.column
        if first.type == .code { column = codeSpanStart(line: range.start.line, contentColumn: column) }
        result.append(ParagraphLine(nodes: nodes, line: range.start.line, column: column))
      }
    }
    for index in children.indices {
      switch children[index].type {
      case .softBreak, .lineBreak:
        flush(index)
        start = index + 1
      default: break
      }
    }
    flush(children.count)
    return result
  }

  /// The first node of a paragraph's first line, as ``lines(of:)`` would give it, without
  /// splitting the rest of the paragraph.
  func firstLineFirstNode(of paragraph: MarkdownNode) -> MarkdownNode? {
    var first: MarkdownNode?
    for child in paragraph.children {
      switch child.type {
      case .softBreak, .lineBreak:
        // A line with a positioned node exists only then; otherwise look at the next line.
        if first != nil { return nil }
        continue
      default:
        if first == nil { first = child }
        if child.range != nil { return first }
      }
    }
    return nil
  }

  /// cmark's range of a code span excludes its backticks (and one padding space); this is the
  /// column of the opening backtick.
  func codeSpanStart(line: Int, contentColumn: Int) -> Int {
    let lineRange = source.lineRange(line)
    let bytes = source.bytes
    let base = lineRange.lowerBound
    var index = min(max(contentColumn - 1, 0), lineRange.count)
    var probe = index
    while probe > 0 && bytes[base + probe - 1] == 0x20 { probe -= 1 }
    guard probe > 0 && bytes[base + probe - 1] == UInt8(ascii: "`") else { return contentColumn }
    index = probe
    while index > 0 && bytes[base + index - 1] == UInt8(ascii: "`") { index -= 1 }
    return index + 1
  }

  /// The source bytes of a line from a byte column to its end (offsets into `source.bytes`).
  func byteRange(line: Int, from column: Int) -> Range<Int> {
    let lineRange = source.lineRange(line)
    let start = min(lineRange.lowerBound + max(column - 1, 0), lineRange.upperBound)
    return start..<lineRange.upperBound
  }

  /// The source text of a line from a byte column to its end.
  func text(line: Int, from column: Int) -> String {
    String(decoding: source.bytes[byteRange(line: line, from: column)], as: UTF8.self)
  }

  /// The offsets of the line's Markdown source, trimmed of spaces and tabs.
  func markdownRange(of line: ParagraphLine) -> Range<Int> {
    UTF8Scan.trimmed(source.bytes[byteRange(line: line.line, from: line.column)], UTF8Scan.spaceTab)
  }

  /// The line's Markdown source.
  func markdown(of line: ParagraphLine) -> String {
    String(decoding: source.bytes[markdownRange(of: line)], as: UTF8.self)
  }

  /// The Markdown source of several lines, joined with line feeds.
  func markdown(of lines: [ParagraphLine]) -> String {
    var bytes: [UInt8] = []
    for (index, line) in lines.enumerated() {
      if index > 0 { bytes.append(0x0A) }
      bytes.append(contentsOf: source.bytes[markdownRange(of: line)])
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A known attribute, a misspelt one (with its location and the close label), or neither.
  enum LabelMatch {
    case attribute(Attribute)
    case misspelt(String, Attribute.Label, DiagnosticLocation)
    case none
  }

  /// The labels by their lowercased names.
  static let labelsByName: [String: Attribute.Label] = Dictionary(
    uniqueKeysWithValues: Attribute.Label.allCases.map { ($0.rawValue.lowercased(), $0) })

  /// Reads `**Label:** value` (or `**Label**: value`) at the start of a line.
  func label(of line: ParagraphLine) -> LabelMatch {
    var nodes = line.nodes
    while let first = nodes.first, first.type == .htmlInline { nodes = nodes.dropFirst() }
    guard let strong = nodes.first, strong.type == .strong, let range = strong.range else { return .none }
    // The label's text is read in place (a strong span holds one text node).
    guard let scan = strong.withPlainTextUTF8({ Self.scanLabel($0) }) else {
      return labelOfCharacters(strong, nodes: nodes)
    }
    // Plain ASCII: each byte is a character.
    var rest = nodes.dropFirst()
    var valueColumn = range.end.column + 1
    if !scan.endsWithColon {
      // `**Label**: value`: the colon starts the text after the strong span.
      guard let next = rest.first, next.type == .text else { return .none }
      let colon = next.withLiteralUTF8 { literal -> (isColon: Bool, alone: Bool)? in
        guard let first = literal.first, first == UInt8(ascii: ":") else { return (false, false) }
        guard literal.count == 1 || literal[1] < 0x80 else { return nil }
        return (true, literal.count == 1)
      }
      guard let colon else { return labelOfCharacters(strong, nodes: nodes) }
      guard colon.isColon else { return .none }
      valueColumn += 1
      if colon.alone { rest = rest.dropFirst() }
    }
    let location = DiagnosticLocation(file: file, line: range.start.line, column: range.start.column)
    if let known = scan.known {
      return .attribute(
        attribute(known, nodes: rest, location: location, line: range.end.line, valueColumn: valueColumn))
    }
    let labelText = scan.text
    if let close = Self.closeLabel(labelText) {
      return .misspelt(labelText, close, location)
    }
    return .none
  }

  /// What a plain-ASCII label says: whether it ends with a colon, the known label it names (with
  /// the colon and blanks removed) and its text; `nil` when it is not plain ASCII.
  struct LabelScan {
    var endsWithColon: Bool
    var known: Attribute.Label?
    /// The label's text when it is not a known label (empty otherwise).
    var text: String
  }

  static func scanLabel(_ bytes: UnsafeBufferPointer<UInt8>) -> LabelScan? {
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
    var start = 0
    var end = bytes.count
    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    let endsWithColon = end > start && bytes[end - 1] == UInt8(ascii: ":")
    if endsWithColon { end -= 1 }
    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    let core = UnsafeBufferPointer(rebasing: bytes[start..<end])
    let known = knownLabel(core)
    // The text is only needed for "did you mean" on an unknown label (no known label is close
    // enough to another to be suggested for it).
    let text = known == nil ? String(decoding: core, as: UTF8.self) : ""
    return LabelScan(endsWithColon: endsWithColon, known: known, text: text)
  }

  /// The label whose name `bytes` is, ignoring ASCII case.
  static func knownLabel(_ bytes: UnsafeBufferPointer<UInt8>) -> Attribute.Label? {
    for label in Attribute.Label.allCases where label.rawValue.utf8.count == bytes.count {
      if zip(label.rawValue.utf8, bytes).allSatisfy({ $0 | 0x20 == $1 | 0x20 && ($0 | 0x20) >= 0x61 }) {
        return label
      }
    }
    return nil
  }

  /// The attribute read from the line's value: its trimmed Markdown and where the value starts.
  private func attribute(
    _ label: Attribute.Label, nodes: ArraySlice<MarkdownNode>, location: DiagnosticLocation, line: Int, valueColumn: Int
  ) -> Attribute {
    let valueRange = byteRange(line: line, from: valueColumn)
    let trimmed = UTF8Scan.trimmed(source.bytes[valueRange], UTF8Scan.spaceTab)
    var leading = trimmed.lowerBound - valueRange.lowerBound
    if leading > 0 && trimmed.lowerBound < valueRange.upperBound && source.bytes[trimmed.lowerBound] >= 0x80 {
      // The last blank may be the base of a combining sequence: count characters.
      let valueText = String(decoding: source.bytes[valueRange], as: UTF8.self)
      leading = valueText.prefix { $0 == " " || $0 == "\t" }.utf8.count
    }
    let valueLocation = DiagnosticLocation(file: file, line: line, column: valueColumn + leading)
    return Attribute(
      label: label, markdown: String(decoding: source.bytes[trimmed], as: UTF8.self), nodes: Array(nodes),
      location: location, valueLocation: valueLocation)
  }

  /// ``label(of:)`` for a label that is not plain ASCII, on characters.
  private func labelOfCharacters(
    _ strong: MarkdownNode, nodes: ArraySlice<MarkdownNode>
  ) -> LabelMatch {
    guard let range = strong.range else { return .none }
    var labelText = strong.plainText.trimmingCharacters(in: " \t")
    var rest = nodes.dropFirst()
    var valueColumn = range.end.column + 1
    if labelText.hasSuffix(":") {
      labelText.removeLast()
    } else if let next = rest.first, next.type == .text, case .text(let text) = next.kind, text.hasPrefix(":") {
      valueColumn += 1
      if text.count == 1 { rest = rest.dropFirst() }
    } else {
      return .none
    }
    labelText = labelText.trimmingCharacters(in: " \t")
    let location = DiagnosticLocation(file: file, line: range.start.line, column: range.start.column)
    if let known = Self.labelsByName[labelText.lowercased()] {
      return .attribute(
        attribute(known, nodes: rest, location: location, line: range.end.line, valueColumn: valueColumn))
    }
    if let close = Self.closeLabel(labelText) {
      return .misspelt(labelText, close, location)
    }
    return .none
  }

  /// A known label within edit distance 2 (for labels of 5+ letters) or 1.
  static func closeLabel(_ text: String) -> Attribute.Label? {
    let lowered = text.lowercased()
    var best: (Attribute.Label, Int)?
    for label in Attribute.Label.allCases {
      let distance = Self.distance(lowered, label.rawValue.lowercased())
      let limit = label.rawValue.count >= 5 ? 2 : 1
      if distance > 0 && distance <= limit && (best == nil || distance < best?.1 ?? Int.max) {
        best = (label, distance)
      }
    }
    return best?.0
  }

  static func distance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs)
    let b = Array(rhs)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}

/// A paragraph's lines grouped: content lines, and attributes with their continuation lines
/// (a line that does not start with a label continues the attribute above it).
enum ParagraphItem {
  case content(ParagraphLine)
  case attribute(Attribute)
  case misspelt(ParagraphLine, String, Attribute.Label, DiagnosticLocation)
}

extension ParagraphReader {
  /// Groups a paragraph's lines into content and attributes.
  func items(of paragraph: MarkdownNode) -> [ParagraphItem] {
    let lines = lines(of: paragraph)
    var items: [ParagraphItem] = []
    items.reserveCapacity(lines.count)
    for line in lines {
      switch label(of: line) {
      case .attribute(let attribute):
        items.append(.attribute(attribute))
      case .misspelt(let text, let close, let location):
        items.append(.misspelt(line, text, close, location))
      case .none:
        if case .attribute(var attribute)? = items.last {
          attribute.markdown += "\n" + markdown(of: line)
          attribute.lineStarts.insert(attribute.nodes.count)
          attribute.nodes += line.nodes
          items[items.count - 1] = .attribute(attribute)
        } else {
          items.append(.content(line))
        }
      }
    }
    return items
  }
}
