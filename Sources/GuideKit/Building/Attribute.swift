import CommonMark
import OnboardDiagnostics

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
    var text = ""
    for (index, node) in nodes.enumerated() {
      if lineStarts.contains(index) { text += " " }
      switch node.kind {
      case .text(let value), .code(let value): text += value
      case .softBreak, .lineBreak: text += " "
      case .htmlInline: break
      default: text += node.plainText
      }
    }
    text = text.trimmingCharacters(in: " \t")
    if text.hasPrefix(":") { text = String(text.dropFirst()).trimmingCharacters(in: " \t") }
    return text
  }
}

extension String {
  func trimmingCharacters(in set: String) -> String {
    var scalars = Substring(self).unicodeScalars
    while let first = scalars.first, set.unicodeScalars.contains(first) { scalars.removeFirst() }
    while let last = scalars.last, set.unicodeScalars.contains(last) { scalars.removeLast() }
    return String(scalars)
  }
}
