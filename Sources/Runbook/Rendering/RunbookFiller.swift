import CommonMark

/// Fills the `{{variables}}` of guide text for a runbook and turns it into HTML or Markdown.
///
/// Two kinds: ``SellerFiller`` puts in one seller's values (escaped for where each sits), and
/// ``BlankFiller`` puts in labelled blanks for a generic runbook.
protocol RunbookFiller {
  /// A Markdown block as safe HTML (cmark; raw HTML dropped, dangerous links blanked).
  /// - Throws: ``MarkdownFiller/UnsafeLink`` when a value cannot be a link.
  func blockHTML(_ markdown: String) throws -> String
  /// Plain text (a title, a caption) as escaped HTML.
  func textHTML(_ text: String) -> String
  /// Plain text filled in, not escaped (for attributes and CSS, which escape it themselves).
  func plain(_ text: String) -> String
  /// Markdown with the variables filled, for Markdown output.
  /// - Throws: ``MarkdownFiller/UnsafeLink``.
  func markdown(_ markdown: String) throws -> String
  /// Plain text as escaped Markdown inline text.
  func textMarkdown(_ text: String) -> String
}

extension RunbookFiller {
  /// One paragraph of Markdown as inline HTML, without its `<p>` wrapper.
  func inlineHTML(_ markdown: String) throws -> String {
    InlineHTML.unwrap(try blockHTML(markdown))
  }
}

/// Helpers for cmark's HTML.
enum InlineHTML {
  /// Drops the `<p>…</p>` around a single paragraph and the trailing newlines.
  static func unwrap(_ rendered: String) -> String {
    var html = rendered
    while html.hasSuffix("\n") { html.removeLast() }
    if html.hasPrefix("<p>") && html.hasSuffix("</p>") && !html.dropFirst(3).contains("<p>") {
      html = String(html.dropFirst(3).dropLast(4))
    }
    return html
  }

  /// cmark's safe HTML of Markdown.
  static func render(_ markdown: String) -> String {
    CMarkRenderer.render(markdown, as: .html)
  }
}
