import CommonMark

/// Renders filled Markdown to safe HTML with cmark, remembering recent results: most blocks
/// are the same for every seller (or for every seller of one marketplace). The cache is
/// bounded, so memory stays flat over any number of sellers.
final class MarkdownHTMLCache {
  private var entries: [String: String] = [:]
  private var inlineEntries: [String: String] = [:]
  /// cmark's render of each form of sentinel Markdown seen (see ``SentinelSplice``), or `nil`
  /// for a form that cannot be spliced.
  private var forms: [Bytes: String?] = [:]
  /// How many renders were spliced rather than rendered (for tests).
  private(set) var splicedCount = 0
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
    let html = Self.unwrapped(CMarkRenderer.render(markdown, as: .html))
    if !gaveUp { remember(html, for: markdown, in: &inlineEntries) }
    return html
  }

  /// A one-paragraph render without its `<p>` wrapper.
  private static func unwrapped(_ rendered: String) -> String {
    var html = rendered
    while html.hasSuffix("\n") { html.removeLast() }
    if html.hasPrefix("<p>") && html.hasSuffix("</p>") && !html.dropFirst(3).contains("<p>") {
      html = String(html.dropFirst(3).dropLast(4))
    }
    return html
  }

  /// The HTML of a seller's Markdown (``html(_:)``, or with `inline` ``inlineHTML(_:)``),
  /// spliced from cmark's render of `template` when there is one and its form can be spliced
  /// (see ``SentinelSplice``); otherwise cmark renders `markdown()`. The first seller of each
  /// form is checked against cmark's render of their own Markdown, and a form that differs is
  /// never spliced again.
  /// - Parameter value: the value of the variable a sentinel numbers.
  func html(
    template: SentinelSplice.Template?, inline: Bool, value: (Int) -> String?, markdown: () throws -> String
  ) rethrows -> String {
    func rendered(_ text: String) -> String { inline ? inlineHTML(text) : html(text) }
    guard let template, template.sentinels > 0 else { return rendered(try markdown()) }
    let key = Bytes(template.markdown)
    if let known = forms[key] {
      if let form = known, let spliced = SentinelSplice.fill(form, expected: template.sentinels, value: value) {
        splicedCount += 1
        return spliced
      }
      return rendered(try markdown())
    }
    let real = rendered(try markdown())
    guard forms.count < limit else { return real }
    guard template.isSafe else {
      forms[key] = .some(nil)
      return real
    }
    let text = String(decoding: template.markdown, as: UTF8.self)
    let form = inline ? Self.unwrapped(CMarkRenderer.render(text, as: .html)) : CMarkRenderer.render(text, as: .html)
    let matches = SentinelSplice.fill(form, expected: template.sentinels, value: value) == real
    forms[key] = matches ? form : .some(nil)
    return real
  }
}

/// Bytes as a dictionary key, hashed in one go (a `String` key with the sentinels' private-use
/// characters would be hashed through Unicode normalisation).
private struct Bytes: Hashable {
  let bytes: [UInt8]

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func hash(into hasher: inout Hasher) {
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
  }
}
