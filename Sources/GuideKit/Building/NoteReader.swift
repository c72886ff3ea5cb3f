import CommonMark
import Foundation
import OnboardDiagnostics

/// Reads admonitions: a block quote that starts with a bold label (`> **Warning:** …`) or a
/// GitHub alert (`> [!WARNING]`) naming a ``Note/Kind``.
struct NoteReader {
  /// The path diagnostics name.
  let file: String
  let source: SourceText
  let paragraphs: ParagraphReader

  /// The note a block quote is, under `condition` (the open `<!-- when: -->` regions), or `nil`
  /// when the quote does not start with a known label (case does not matter; a colon may end
  /// a bold label).
  func note(in quote: MarkdownNode, condition: Condition?) -> Note? {
    guard let first = quote.children.first(where: { _ in true }), first.type == .paragraph,
      let firstNode = paragraphs.firstLineFirstNode(of: first)
    else { return nil }
    var kind: Note.Kind?
    if firstNode.type == .strong {
      kind = firstNode.withPlainTextUTF8 { bytes -> Note.Kind? in
        var label = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: " \t")
        if label.hasSuffix(":") { label.removeLast() }
        return Note.Kind(rawValue: label.lowercased())
      }
    } else if firstNode.type == .text, case .text(let value) = firstNode.kind, value.hasPrefix("[!") {
      let label = value.dropFirst(2).prefix { $0 != "]" }
      kind = Note.Kind(rawValue: label.lowercased())
    }
    guard let kind else { return nil }
    let markdown = NoteText.body(of: quote, source: source)
    let start = quote.range?.start
    let location = DiagnosticLocation(file: file, line: start?.line ?? 1, column: start?.column ?? 1)
    return Note(kind: kind, markdown: markdown, location: location, condition: condition)
  }
}
