import CommonMark

/// Renders filled Markdown to safe HTML with cmark, remembering recent results: most blocks
/// are the same for every seller (or for every seller of one marketplace). The cache is
/// bounded, so memory stays flat over any number of sellers.
final class MarkdownHTMLCache {
  private var entries: [String: String] = [:]
  private let limit: Int

  init(limit: Int = 2048) {
    self.limit = limit
  }

  /// cmark's safe HTML for `markdown` (raw HTML dropped, dangerous links blanked).
  func html(_ markdown: String) -> String {
    if let cached = entries[markdown] { return cached }
    let rendered = CMarkRenderer.render(markdown, as: .html)
    if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
    entries[markdown] = rendered
    return rendered
  }

  /// The HTML of one paragraph without its `<p>` wrapper, for titles and checks.
  func inlineHTML(_ markdown: String) -> String {
    var html = self.html(markdown)
    while html.hasSuffix("\n") { html.removeLast() }
    if html.hasPrefix("<p>") && html.hasSuffix("</p>") && !html.dropFirst(3).contains("<p>") {
      html = String(html.dropFirst(3).dropLast(4))
    }
    return html
  }
}
