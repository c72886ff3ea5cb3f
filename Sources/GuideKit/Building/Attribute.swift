import CommonMark
import OnboardDiagnostics
import OnboardSupport

/// A `**Label:** value` line in a step or stage.
struct Attribute {
  /// The labels the format knows.
  enum Label: String, CaseIterable {
    case requires = "Requires"
    case produces = "Produces"
    case consumes = "Consumes"
    case check = "Check"
    case screenshot = "Screenshot"
    case when = "When"
    case who = "Who"
    case duration = "Duration"
  }

  var label: Label
  /// The value's Markdown source (after the label), trimmed.
  var markdown: String
  /// The inline nodes after the label on its line (and on continuation lines).
  var nodes: [MarkdownNode]
  /// Indexes into `nodes` where a continuation line starts (a space stands for the break).
  var lineStarts: Set<Int> = []
  /// Where the label starts.
  var location: DiagnosticLocation
  /// Where the value starts (line, byte column).
  var valueLocation: DiagnosticLocation

  /// The value as plain text (text and code spans).
  var plainText: String {
    var bytes: [UInt8] = []
    for (index, node) in nodes.enumerated() {
      if !lineStarts.isEmpty && lineStarts.contains(index) { bytes.append(0x20) }
      switch node.type {
      case .softBreak, .lineBreak: bytes.append(0x20)
      case .htmlInline: break
      default: node.appendPlainText(to: &bytes)
      }
    }
    var range = UTF8Scan.trimmed(bytes[...], UTF8Scan.spaceTab)
    // A leading ':' that stands alone (not the base of a combining sequence) is dropped.
    if range.lowerBound < range.upperBound, bytes[range.lowerBound] == UInt8(ascii: ":") {
      let after = range.lowerBound + 1
      guard after == range.upperBound || bytes[after] < 0x80 else {
        var text = String(decoding: bytes[range], as: UTF8.self)
        if text.hasPrefix(":") { text = String(text.dropFirst()).trimmingCharacters(in: " \t") }
        return text
      }
      range = UTF8Scan.trimmed(bytes[after..<range.upperBound], UTF8Scan.spaceTab)
    }
    return String(decoding: bytes[range], as: UTF8.self)
  }
}

extension String {
  /// The string without leading and trailing Unicode scalars in `set`.
  ///
  /// Every caller trims ASCII (spaces, tabs, line breaks): that is done on the UTF-8 bytes,
  /// with no copy when nothing is trimmed.
  func trimmingCharacters(in set: String) -> String {
    guard set.utf8.allSatisfy({ $0 < 0x80 }) else { return trimmingScalars(in: set) }
    let utf8 = self.utf8
    var start = utf8.startIndex
    var end = utf8.endIndex
    while start < end, set.utf8.contains(utf8[start]) { start = utf8.index(after: start) }
    while start < end {
      let before = utf8.index(before: end)
      guard set.utf8.contains(utf8[before]) else { break }
      end = before
    }
    if start == utf8.startIndex && end == utf8.endIndex { return self }
    // ASCII bytes are whole scalars, so the bounds are scalar boundaries.
    return String(Substring(unicodeScalars[start..<end]))
  }

  private func trimmingScalars(in set: String) -> String {
    var scalars = Substring(self).unicodeScalars
    while let first = scalars.first, set.unicodeScalars.contains(first) { scalars.removeFirst() }
    while let last = scalars.last, set.unicodeScalars.contains(last) { scalars.removeLast() }
    return String(scalars)
  }
}
