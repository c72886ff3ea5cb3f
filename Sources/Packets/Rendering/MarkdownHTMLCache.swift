import CommonMark

/// Renders filled Markdown to safe HTML with cmark, remembering recent results: most blocks
/// are the same for every seller (or for every seller of one marketplace). The cache is
/// bounded, so memory stays flat over any number of sellers.
final class MarkdownHTMLCache {
  private var entries: [String: String] = [:]
  private var inlineEntries: [String: String] = [:]
  private let limit: Int
  private let giveUpWhenFull: Bool
  private var gaveUp = false

  /// A cache of at most `limit` entries. When full it starts over, or, with `giveUpWhenFull`
  /// (for a field whose text differs for every seller), stops remembering.
  init(limit: Int = 2048, giveUpWhenFull: Bool = false) {
    self.limit = limit
    self.giveUpWhenFull = giveUpWhenFull
  }

  /// cmark's safe HTML for `markdown` (raw HTML dropped, dangerous links blanked).
  func html(_ markdown: String) -> String {
    if gaveUp { return CMarkRenderer.render(markdown, as: .html) }
    if let cached = entries[markdown] { return cached }
    let rendered = CMarkRenderer.render(markdown, as: .html)
    remember(rendered, for: markdown, in: &entries)
    return rendered
  }

  private func remember(_ value: String, for key: String, in table: inout [String: String]) {
    if table.count >= limit {
      table.removeAll(keepingCapacity: !giveUpWhenFull)
      if giveUpWhenFull {
        gaveUp = true
        return
      }
    }
    table[key] = value
  }

  /// The HTML of one paragraph without its `<p>` wrapper, for titles and checks.
  func inlineHTML(_ markdown: String) -> String {
    if !gaveUp, let cached = inlineEntries[markdown] { return cached }
    var html = CMarkRenderer.render(markdown, as: .html)
    while html.hasSuffix("\n") { html.removeLast() }
    if html.hasPrefix("<p>") && html.hasSuffix("</p>") && !html.dropFirst(3).contains("<p>") {
      html = String(html.dropFirst(3).dropLast(4))
    }
    if !gaveUp { remember(html, for: markdown, in: &inlineEntries) }
    return html
  }
}
