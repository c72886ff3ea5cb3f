import CommonMark
import Foundation
import OnboardDiagnostics

/// Reads the values of attributes (the `**Label:** value` lines of stages and steps) whose
/// value is more than its text: the links and prose of **Requires:**, the credential keys of
/// **Produces:** and **Consumes:**, and the attributes gathered in a block quote.
struct AttributeReader {
  /// The path diagnostics name.
  let file: String
  let paragraphs: ParagraphReader

  /// Words in a **Requires:** line that say nothing beyond its links.
  static let requiresFiller: Set<String> = ["and", "or", "after", "step", "steps", "stage", "see", "the", "first"]

  /// A **Requires:** attribute's `#id` links, and its text as a precondition when it says more
  /// than its links (any word beyond ``requiresFiller``). An empty value is a problem.
  func requires(_ attribute: Attribute, problems: inout [ReadingProblem]) -> ([Reference], Precondition?) {
    var references: [Reference] = []
    var proseBytes: [UInt8] = []
    for node in attribute.nodes {
      if node.type == .link, case .link(let destination, _) = node.kind, destination.hasPrefix("#") {
        references.append(Reference(target: String(destination.dropFirst()), location: location(node.range)))
      } else {
        node.appendPlainText(to: &proseBytes)
      }
    }
    if attribute.nodes.isEmpty { problems.append(.empty(attribute)) }
    // Words are runs of letters and digits, in any script.
    let prose = String(decoding: proseBytes, as: UTF8.self)
    let words = prose.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    let hasProse = words.contains { !Self.requiresFiller.contains($0.lowercased()) }
    let precondition =
      hasProse
      ? Precondition(markdown: attribute.markdown, text: attribute.plainText, location: attribute.location) : nil
    return (references, precondition)
  }

  /// The credential keys a **Produces:** or **Consumes:** attribute names: its code spans, or
  /// else its comma-separated words, each with its own location. No key is a problem.
  func credentialKeys(_ attribute: Attribute, problems: inout [ReadingProblem]) -> [CredentialReference] {
    var keys: [CredentialReference] = []
    for node in attribute.nodes {
      if node.type == .code, case .code(let key) = node.kind {
        keys.append(CredentialReference(key: key.trimmingCharacters(in: " \t"), location: location(node.range)))
      }
    }
    if keys.isEmpty {
      var column = attribute.valueLocation.column
      for part in attribute.markdown.split(separator: ",", omittingEmptySubsequences: false) {
        let word = String(part).trimmingCharacters(in: " \t")
        let leading = part.prefix { $0 == " " || $0 == "\t" }.utf8.count
        if !word.isEmpty {
          keys.append(
            CredentialReference(
              key: word,
              location: DiagnosticLocation(file: file, line: attribute.valueLocation.line, column: column + leading)))
        }
        column += part.utf8.count + 1
      }
    }
    if keys.isEmpty { problems.append(.empty(attribute, expected: "credential keys in backticks, like `api_key`")) }
    return keys
  }

  /// The attributes on the first paragraph of a block quote (`> **Who:** …`), or `nil` when
  /// the quote does not start with a paragraph.
  func blockQuoteAttributes(_ quote: MarkdownNode) -> [Attribute]? {
    guard let first = quote.children.first(where: { _ in true }), case .paragraph = first.kind else { return nil }
    var attributes: [Attribute] = []
    for item in paragraphs.items(of: first) {
      if case .attribute(let attribute) = item { attributes.append(attribute) }
    }
    return attributes
  }

  private func location(_ range: SourceRange?) -> DiagnosticLocation {
    guard let range else { return DiagnosticLocation(file: file, line: 1, column: 1) }
    return DiagnosticLocation(file: file, line: range.start.line, column: range.start.column)
  }
}

extension ReadingProblem {
  /// An attribute with no value.
  static func empty(_ attribute: Attribute, expected: String? = nil) -> ReadingProblem {
    .emptyAttribute(label: attribute.label.rawValue, expected: expected, at: attribute.location)
  }
}
