import Escaping
import GuideKit
import OnboardSupport

/// Guide text split at its `{{variable}}` placeholders once, to be filled for many sellers
/// without scanning it again. ``MarkdownFiller`` fills through it, so both give the same text.
package struct PreparedText {
  /// A piece of the text.
  package enum Part {
    /// Text kept as it is.
    case literal([UInt8])
    /// A placeholder: the variable, where it sits, and its source (kept when the seller lacks
    /// the variable).
    case placeholder(name: String, context: PlaceholderContext, source: [UInt8])
  }

  /// The pieces, in order.
  package let parts: [Part]

  /// The variables the text uses, sorted, each once.
  package var variableNames: [String] {
    var names: Set<String> = []
    for case .placeholder(let name, _, _) in parts { names.insert(name) }
    return names.sorted()
  }

  /// Guide Markdown, each placeholder with the context that decides its escaping.
  package init(markdown text: String, contexts: PlaceholderContextCache) {
    guard UTF8Scan.mayHavePlaceholder(text) else {
      parts = [.literal(Array(text.utf8))]
      return
    }
    parts = Self.split(text, places: contexts.contexts(of: text), plain: false)
  }

  /// Guide text to fill with values as they are (for fields the template escapes); a missing
  /// variable is written back as `{{name}}`.
  package init(plain text: String) {
    guard UTF8Scan.mayHavePlaceholder(text) else {
      parts = [.literal(Array(text.utf8))]
      return
    }
    parts = Self.split(text, places: [:], plain: true)
  }

  /// The text cut at each placeholder ``VariableText`` finds.
  private static func split(_ text: String, places: [Int: PlaceholderContext], plain: Bool) -> [Part] {
    let bytes = Array(text.utf8)
    var parts: [Part] = []
    var copied = 0
    for occurrence in VariableText.occurrences(in: text) {
      guard let end = MarkdownFiller.placeholderEnd(bytes, from: occurrence.offset) else { continue }
      if copied < occurrence.offset { parts.append(.literal(Array(bytes[copied..<occurrence.offset]))) }
      let source = plain ? Array("{{\(occurrence.name)}}".utf8) : Array(bytes[occurrence.offset..<end])
      parts.append(
        .placeholder(name: occurrence.name, context: places[occurrence.offset] ?? .text, source: source))
      copied = end
    }
    if copied < bytes.count { parts.append(.literal(Array(bytes[copied...]))) }
    return parts
  }

  /// The Markdown for a seller's variables: values escaped for where each placeholder sits.
  /// - Throws: ``MarkdownFiller/UnsafeLink`` when a value cannot start a link.
  package func markdown(_ variables: [String: String]) throws -> String {
    if parts.count == 1, case .literal(let bytes) = parts[0] { return String(decoding: bytes, as: UTF8.self) }
    var output: [UInt8] = []
    _ = try walk(
      variables, literal: { output.append(contentsOf: $0) },
      value: { name, context, value in
        switch context {
        case .text:
          output.append(contentsOf: MarkdownEscaper().escape(value).utf8)
        case .linkDestination(let starts):
          output.append(contentsOf: try Self.destination(value, of: name, starts: starts).utf8)
        case .codeSpan, .codeBlock:
          output.append(contentsOf: PlaceholderContext.codeText(value).utf8)
        }
        return true
      })
    return String(decoding: output, as: UTF8.self)
  }

  /// Walks the text for a seller: `literal` gets the text between placeholders, and the source
  /// of each placeholder whose variable the seller lacks; `value` gets each placeholder they
  /// have (its variable, context and value) and returns `false` to stop the walk.
  /// - Returns: whether the walk reached the end.
  package func walk(
    _ variables: [String: String], literal: ([UInt8]) -> Void,
    value: (_ name: String, _ context: PlaceholderContext, _ value: String) throws -> Bool
  ) rethrows -> Bool {
    for part in parts {
      switch part {
      case .literal(let bytes):
        literal(bytes)
      case .placeholder(let name, let context, let source):
        guard let found = variables[name] else {
          literal(source)
          continue
        }
        guard try value(name, context, found) else { return false }
      }
    }
    return true
  }

  /// A value escaped for a link destination.
  /// - Throws: ``MarkdownFiller/UnsafeLink`` when the value starts the link and cannot.
  package static func destination(_ value: String, of name: String, starts: Bool) throws -> String {
    let escaper = URLEscaper()
    if starts, let reason = escaper.cannotRepresent(value) {
      throw MarkdownFiller.UnsafeLink(variable: name, reason: reason)
    }
    return escaper.escape(value)
  }

  /// The text for a seller's variables, values as they are.
  package func plain(_ variables: [String: String]) -> String {
    if parts.count == 1, case .literal(let bytes) = parts[0] { return String(decoding: bytes, as: UTF8.self) }
    var output: [UInt8] = []
    _ = walk(
      variables, literal: { output.append(contentsOf: $0) },
      value: { _, _, value in
        output.append(contentsOf: value.utf8)
        return true
      })
    return String(decoding: output, as: UTF8.self)
  }
}
