import Escaping
import GuideKit
import PacketPlanning

/// Fills guide text with labelled blanks for a generic runbook: each `{{name}}` becomes a line
/// to write on, followed by what belongs there, such as `____ (the recipient's display name)`
/// (the words come from ``Guide/describeVariable(_:)``).
///
/// For HTML, each placeholder is first replaced by a token of letters and digits, which is
/// inert in Markdown, in link destinations and in code; cmark renders the text; then each token
/// in text becomes the blank, and a token inside a tag (a link's `href`) is removed and the
/// blank's words go into a `data-blank` attribute, which the print stylesheet shows after the
/// link. The token's prefix is chosen so that it does not occur in the text.
///
/// A variable's description is said once: the first blank for it (in the order the runbook is
/// written) carries the description, `(the account name in credential files)`, and later blanks
/// only its name, `(account)`. Copies of a filler share what has been said.
struct BlankFiller: RunbookFiller {
  /// The guide, which describes its variables.
  let guide: Guide
  private let said = SaidNames()

  /// Creates a filler whose blanks describe each variable once.
  init(guide: Guide) {
    self.guide = guide
  }

  /// What a blank for `name` says: its description the first time, such as `(the account
  /// owner's name)`, then its name in words, `(owner)`.
  func label(_ name: String) -> String {
    if said.names.insert(name).inserted { return "(\(guide.describeVariable(name)))" }
    return "(\(name.replacingOccurrences(of: "_", with: " ")))"
  }

  /// The HTML of one blank.
  func blankHTML(_ name: String) -> String {
    "<span class=\"blank\"></span> <span class=\"blank-label\">\(HTMLEscaper().escape(label(name)))</span>"
  }

  func blockHTML(_ markdown: String) throws -> String {
    guard markdown.contains("{{") else { return InlineHTML.render(markdown) }
    let (tokenised, token) = Self.tokenise(markdown)
    return expand(InlineHTML.render(tokenised), token: token)
  }

  func textHTML(_ text: String) -> String {
    guard text.contains("{{") else { return HTMLEscaper().escape(text) }
    let (tokenised, token) = Self.tokenise(text)
    return expand(HTMLEscaper().escape(tokenised), token: token)
  }

  func plain(_ text: String) -> String {
    VariableText.substitute(text) { "______ " + label($0) }
  }

  func markdown(_ markdown: String) throws -> String {
    guard markdown.contains("{{") else { return markdown }
    let bytes = Array(markdown.utf8)
    let places = PlaceholderContext.analyse(markdown)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + 64)
    var copied = 0
    for occurrence in VariableText.occurrences(in: markdown) {
      guard occurrence.offset >= copied, let end = MarkdownFiller.placeholderEnd(bytes, from: occurrence.offset) else {
        continue
      }
      output.append(contentsOf: bytes[copied..<occurrence.offset])
      let replacement: String
      switch places[occurrence.offset] ?? .text {
      case .text:
        replacement = Self.markdownBlank + " " + MarkdownEscaper().escape(label(occurrence.name))
      case .linkDestination:
        replacement = "#fill-in-" + URLEscaper().escape(occurrence.name)
      case .codeSpan, .codeBlock:
        replacement = "______ " + PlaceholderContext.codeText(label(occurrence.name))
      }
      output.append(contentsOf: replacement.utf8)
      copied = end
    }
    output.append(contentsOf: bytes[copied...])
    return String(decoding: output, as: UTF8.self)
  }

  func textMarkdown(_ text: String) -> String {
    guard text.contains("{{") else { return MarkdownEscaper().escape(text) }
    let (tokenised, token) = Self.tokenise(text)
    let escaped = MarkdownEscaper().escape(tokenised)
    return Self.replaceTokens(in: escaped, token: token) { name, _ in
      Self.markdownBlank + " " + MarkdownEscaper().escape(label(name))
    }
  }

  /// Six escaped underscores: a line to write on that Markdown shows as it is.
  static let markdownBlank = String(repeating: "\\_", count: 6)

  // MARK: - Tokens

  /// The token scheme for one text: `prefix` + index + `z`, with the names by index.
  struct Token {
    var prefix: String
    var names: [String]
  }

  /// Replaces every placeholder with a token. The prefix starts with `q` and has no other `q`,
  /// so it cannot overlap itself, and it is lengthened until the text does not contain it.
  static func tokenise(_ text: String) -> (String, Token) {
    var prefix = "qxblank"
    while text.contains(prefix) { prefix += "k" }
    var names: [String] = []
    let tokenised = VariableText.substitute(text) { name in
      names.append(name)
      return "\(prefix)\(names.count - 1)z"
    }
    return (tokenised, Token(prefix: prefix, names: names))
  }

  /// Replaces tokens in HTML: in text with the blank, inside a tag by nothing, adding a
  /// `data-blank` attribute with the blanks' words to that tag.
  func expand(_ html: String, token: Token) -> String {
    guard html.contains(token.prefix) else { return html }
    var output = ""
    output.reserveCapacity(html.utf8.count + 128)
    var inTag = false
    var tagLabels: [String] = []
    var index = html.startIndex
    while index < html.endIndex {
      if html[index...].hasPrefix(token.prefix), let (position, after) = Self.parseToken(html, at: index, token: token)
      {
        let name = token.names[position]
        if inTag {
          tagLabels.append(label(name))
        } else {
          output += blankHTML(name)
        }
        index = after
        continue
      }
      let character = html[index]
      if character == "<" && !inTag {
        inTag = true
        tagLabels = []
      } else if character == ">" && inTag {
        inTag = false
        if !tagLabels.isEmpty {
          let attribute = " data-blank=\"\(HTMLEscaper().escape("______ " + tagLabels.joined(separator: " ")))\""
          if output.hasSuffix(" /") {
            output.removeLast(2)
            output += attribute + " /"
          } else if output.hasSuffix("/") {
            output.removeLast()
            output += attribute + " /"
          } else {
            output += attribute
          }
        }
      }
      output.append(character)
      index = html.index(after: index)
    }
    return output
  }

  /// Replaces each token with `replacement(name, index)`.
  static func replaceTokens(in text: String, token: Token, _ replacement: (String, Int) -> String) -> String {
    guard text.contains(token.prefix) else { return text }
    var output = ""
    var index = text.startIndex
    while index < text.endIndex {
      if text[index...].hasPrefix(token.prefix), let (position, after) = parseToken(text, at: index, token: token) {
        output += replacement(token.names[position], position)
        index = after
        continue
      }
      output.append(text[index])
      index = text.index(after: index)
    }
    return output
  }

  /// The token at `index`: its name's position and the index after it.
  private static func parseToken(_ text: String, at index: String.Index, token: Token) -> (Int, String.Index)? {
    var cursor = text.index(index, offsetBy: token.prefix.count)
    var digits = ""
    while cursor < text.endIndex, let ascii = text[cursor].asciiValue, ascii >= 0x30 && ascii <= 0x39 {
      digits.append(text[cursor])
      cursor = text.index(after: cursor)
    }
    guard !digits.isEmpty, cursor < text.endIndex, text[cursor] == "z", let position = Int(digits),
      position < token.names.count
    else { return nil }
    return (position, text.index(after: cursor))
  }
}

/// The variables whose description a runbook has already printed.
private final class SaidNames {
  var names: Set<String> = []
}
