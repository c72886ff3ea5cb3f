import Escaping
import PacketPlanning

/// Fills guide text with one seller's values, exactly as their packet does: through
/// ``MarkdownFiller`` (values escaped for prose, link destinations and code), then cmark's safe
/// HTML renderer. Plain text is filled and then HTML- or Markdown-escaped as a whole.
struct SellerFiller: RunbookFiller {
  private let filler: MarkdownFiller

  /// Creates a filler for a seller's variables.
  init(variables: [String: String]) {
    self.filler = MarkdownFiller(variables: variables)
  }

  func blockHTML(_ markdown: String) throws -> String {
    InlineHTML.render(try filler.markdown(markdown))
  }

  func textHTML(_ text: String) -> String {
    HTMLEscaper().escape(filler.plain(text))
  }

  func plain(_ text: String) -> String {
    filler.plain(text)
  }

  func markdown(_ markdown: String) throws -> String {
    try filler.markdown(markdown)
  }

  func textMarkdown(_ text: String) -> String {
    MarkdownEscaper().escape(filler.plain(text))
  }
}
