import CommonMark

/// Guide Markdown rendered for a terminal from cmark's tree, so that it reads as text:
///
/// - **bold**, *emphasis* and `code` styled with ANSI when ``styled`` (plain text otherwise,
///   for `NO_COLOR`, `TERM=dumb` or output that is not a terminal);
/// - list items indented, with `-` bullets or their numbers;
/// - code blocks set off by four spaces, without fences;
/// - links as their text followed by the address once, `Seller Central (https://…)`, the text an
///   OSC 8 hyperlink when ``hyperlinks`` (http, https and mailto addresses only); a link whose
///   text is its address shows it once; a link to an id in the guide shows its text only;
/// - HTML comments (condition markers) and `<a id>` anchors left out.
///
/// Every piece of guide or roster text goes through ``TerminalText/inert(_:)`` before any
/// escape sequence of the renderer's own is added, so nothing in them can move the cursor,
/// change colours or retitle the window.
struct TerminalMarkdown {
  /// Whether to use ANSI styles.
  var styled: Bool
  /// Whether to make links OSC 8 hyperlinks.
  var hyperlinks: Bool

  /// `markdown` as terminal text, without a trailing line break.
  func render(_ markdown: String) -> String {
    let document = MarkdownDocument.parse(markdown)
    var lines: [String] = []
    renderBlocks(document.root.children, into: &lines, tight: false)
    while lines.last == "" { lines.removeLast() }
    while lines.first == "" { lines.removeFirst() }
    return lines.joined(separator: "\n")
  }

  // MARK: - Blocks

  private func renderBlocks(_ blocks: MarkdownNode.Children, into lines: inout [String], tight: Bool) {
    var first = true
    for block in blocks {
      var rendered: [String] = []
      renderBlock(block, into: &rendered)
      if rendered.isEmpty { continue }
      if !first && !tight { lines.append("") }
      lines += rendered
      first = false
    }
  }

  private func renderBlock(_ block: MarkdownNode, into lines: inout [String]) {
    switch block.kind {
    case .paragraph:
      lines += inlines(block).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    case .heading:
      lines.append(style(inlines(block), on: "\u{1B}[1m", off: "\u{1B}[22m"))
    case .codeBlock(_, let literal):
      var code = literal
      if code.hasSuffix("\n") { code.removeLast() }
      for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
        lines.append(line.isEmpty ? "" : "    " + TerminalText.inert(String(line)))
      }
    case .list(let info):
      var number = info.start
      var first = true
      for item in block.children {
        let marker = info.ordered ? "\(number). " : "- "
        number += 1
        var inner: [String] = []
        renderBlocks(item.children, into: &inner, tight: info.tight)
        if !first && !info.tight { lines.append("") }
        first = false
        let padding = String(repeating: " ", count: marker.count)
        for (index, line) in inner.enumerated() {
          if index == 0 {
            lines.append(marker + line)
          } else {
            lines.append(line.isEmpty ? "" : padding + line)
          }
        }
        if inner.isEmpty { lines.append(marker.trimmingTrailingSpace) }
      }
    case .blockQuote:
      var inner: [String] = []
      renderBlocks(block.children, into: &inner, tight: false)
      lines += inner.map { $0.isEmpty ? "|" : "| " + $0 }
    case .htmlBlock(let html):
      let trimmed = html.trimmingWhitespace
      if trimmed.hasPrefix("<!--") || trimmed.isEmpty { return }
      lines += TerminalText.inert(trimmed).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    case .thematicBreak:
      lines.append("----")
    default:
      let text = TerminalText.inert(block.plainText)
      if !text.isEmpty { lines.append(text) }
    }
  }

  // MARK: - Inlines

  private func inlines(_ node: MarkdownNode) -> String {
    var output = ""
    for child in node.children { output += inline(child) }
    return output
  }

  private func inline(_ node: MarkdownNode) -> String {
    switch node.kind {
    case .text(let text): return TerminalText.inert(text)
    case .softBreak, .lineBreak: return "\n"
    case .code(let code): return style(TerminalText.inert(code), on: "\u{1B}[36m", off: "\u{1B}[39m")
    case .emphasis: return style(inlines(node), on: "\u{1B}[3m", off: "\u{1B}[23m")
    case .strong: return style(inlines(node), on: "\u{1B}[1m", off: "\u{1B}[22m")
    case .link(let destination, _):
      return link(label: inlines(node), plainLabel: node.plainText, destination: destination)
    case .image(let source, _):
      let alt = TerminalText.inert(node.plainText)
      return alt.isEmpty ? "(image \(TerminalText.inert(source)))" : "\(alt) (image \(TerminalText.inert(source)))"
    case .htmlInline(let html):
      let lower = html.lowercased()
      if lower.hasPrefix("<a ") || lower == "<a>" || lower == "</a>" || lower.hasPrefix("<!--") { return "" }
      if lower.hasPrefix("<br") { return "\n" }
      return TerminalText.inert(html)
    default: return TerminalText.inert(node.plainText)
    }
  }

  private func link(label: String, plainLabel: String, destination: String) -> String {
    if destination.hasPrefix("#") || destination.isEmpty { return label }
    let address = TerminalText.inert(destination)
    let shownLabel: String
    if hyperlinks && Self.isWebAddress(destination) {
      shownLabel = "\u{1B}]8;;\(address)\u{1B}\\\(label)\u{1B}]8;;\u{1B}\\"
    } else {
      shownLabel = label
    }
    let sameAsLabel =
      plainLabel == destination || "mailto:" + plainLabel == destination
    return sameAsLabel ? shownLabel : "\(shownLabel) (\(address))"
  }

  /// Whether a destination may be an OSC 8 target: http, https or mailto, with no space or
  /// control character (which would end the escape sequence).
  static func isWebAddress(_ destination: String) -> Bool {
    let lower = destination.lowercased()
    guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") else {
      return false
    }
    return !destination.unicodeScalars.contains { $0.value <= 0x20 || (0x7F...0x9F).contains($0.value) }
  }

  private func style(_ text: String, on: String, off: String) -> String {
    styled && !text.isEmpty ? on + text + off : text
  }
}

extension String {
  fileprivate var trimmingTrailingSpace: String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }

  fileprivate var trimmingWhitespace: String {
    var copy = Substring(self)
    while let first = copy.first, first.isWhitespace { copy.removeFirst() }
    while let last = copy.last, last.isWhitespace { copy.removeLast() }
    return String(copy)
  }
}
