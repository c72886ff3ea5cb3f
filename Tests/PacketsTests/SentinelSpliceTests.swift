import CommonMark
import Foundation
import Testing

@testable import PacketPlanning
@testable import Packets

/// Seller-filled guide Markdown rendered once per form and spliced (``SentinelSplice``) must
/// give cmark's bytes for the seller's own Markdown, whatever the value and wherever it sits.
@Suite("Sentinel splicing of guide Markdown")
struct SentinelSpliceTests {
  /// Guide texts that put `{{v}}` in every context a guide can: text, emphasis, code, links,
  /// headings, lists, quotes, raw HTML, entities, autolinks and reference definitions.
  static let texts = [
    "Use {{v}} here.", "*{{v}}*", "_{{v}}_", "**{{v}}**x", "a_{{v}}_b", "`{{v}}`", "``{{v}}``", "`a {{v}} b`",
    "```\n{{v}}:\n  key: '{{v}}'\n```", "    indented {{v}}", "[{{v}}](https://example.com)",
    "[x](https://example.com \"{{v}}\")", "![{{v}}](images/a.png)", "# {{v}}", "{{v}}\n===", "- {{v}}\n- b",
    "1. {{v}}", "> {{v}}", "{{v}}", "{{v}} {{v}}", "&{{v}};", "&#{{v}};", "<{{v}}>", "<a title=\"{{v}}\">x</a>",
    "<https://example.com/{{v}}>", "[{{v}}]\n\n[abc]: https://example.com", "x\\{{v}}", "{{v}}  \nnext",
    "<div>\n{{v}}\n</div>", "a\n{{v}}\nb", "## <a id=\"s\"></a>Step for {{v}}", "`_{{v}}$`", "{{v}}*", "*{{v}}",
    "[a]({{v}})", "${{v}}", "1{{v}}. x", "[a]{{v}}", "x{{v}}y", "*a*{{v}}*b*", "**{{v}}**", "__{{v}}__",
    "_a{{v}}_", "{{v}}_a_", "a*{{v}}*", "*{{v}}*a", "~~{{v}}~~", "!{{v}}", "{{v}}[x](https://e.com)",
  ]

  /// Values: simple ones (spliced where the text allows) and every kind the splice refuses.
  static let values =
    [
      "abc", "amp", "seller_000001", "Thames Tea Co", "1.5 GmbH", "a\"b'c", "x&y<z>w", "o'Brien & Sons", "Ünïcödé",
      "さくら文具", "a*b_c", "div", "a  b", "a\u{A0}b", "https", "A1", "0", "7x", "<Ltd>",
      "*x*", "Sons Ltd.", "[a]", "a:", "x]", "#1", "-a", "+a", "=a", "!a", "a!", "~a~", "$5", "|a|", "1)", "1.", "a\\",
      "\\a", "_a_", "a*", "(1)", ":x", ".x", "12", "a&amp;", "&#65;",
    ] + SplicedRenderingTests.hostile + nastyNames + generated(200)

  /// `count` short values drawn (with a fixed seed) from letters, digits, spaces and every
  /// character Markdown gives a meaning to.
  static func generated(_ count: Int) -> [String] {
    let alphabet = Array("aZ9 _*&<>!#.:;\\[]()-=+~|$'\"`{}@%^/,?\u{A0}é日")
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    return (0..<count).map { _ in String((0..<(1 + next(6))).map { _ in alphabet[next(alphabet.count)] }) }
  }

  /// What a seller's HTML would be rendered from cmark directly.
  func reference(_ text: String, _ value: String, inline: Bool) throws -> String {
    let markdown = try PreparedText(markdown: text, contexts: PlaceholderContextCache()).markdown(["v": value])
    return inline ? MarkdownHTMLCache().inlineHTML(markdown) : CMarkRenderer.render(markdown, as: .html)
  }

  @Test("A spliced render equals cmark's render of the seller's Markdown", arguments: [false, true])
  func splicedEqualsCMark(inline: Bool) throws {
    var spliced = 0
    for text in Self.texts {
      let prepared = PreparedText(markdown: text, contexts: PlaceholderContextCache())
      let names = SentinelSplice.Names()
      let cache = MarkdownHTMLCache()
      for warm in ["Warm1", "Seller_2", "abc"] {
        // The first sellers of a form are checked against cmark: the form is learnt here.
        let template = prepared.sentinelTemplate(["v": warm], names: names)
        _ = try cache.html(
          template: template, inline: inline, value: { names.name($0) == "v" ? warm : nil },
          markdown: { try prepared.markdown(["v": warm]) })
      }
      for value in Self.values {
        let variables = ["v": value]
        guard let markdown = try? prepared.markdown(variables) else { continue }
        let before = cache.splicedCount
        let html = cache.html(
          template: prepared.sentinelTemplate(variables, names: names), inline: inline,
          value: { names.name($0) == "v" ? value : nil }, markdown: { markdown })
        #expect(
          html == (try reference(text, value, inline: inline)),
          "text \(text.debugDescription), value \(value.debugDescription)")
        spliced += cache.splicedCount - before
      }
    }
    // The fast path is taken, not only the fallback.
    #expect(spliced > 100)
  }

  @Test("Values that could render other than as their own text get no form, or none for text")
  func valueForms() {
    typealias Form = SentinelSplice.ValueForm
    for value in ["abc", "seller_000001", "Thames Tea Co", "x&y<z>w", "さくら文具", "0a", "a\u{A0}b", "Sons Ltd."] {
      #expect(Form(value)?.fitsText == true, "\(value.debugDescription)")
    }
    #expect(Form("<Ltd>").map { [$0.fitsText, $0.punctuationFirst, $0.punctuationLast] } == [true, true, true])
    #expect(Form("*a").map { [$0.fitsText, $0.punctuationFirst, $0.punctuationLast] } == [true, true, false])
    #expect(Form("a.").map { [$0.fitsText, $0.punctuationFirst, $0.punctuationLast] } == [true, false, true])
    for value in ["a\"b", "O'Brien", ".a", ":a", "12", "«a»", "a\u{2026}"] {
      #expect(Form(value)?.fitsText == false, "\(value.debugDescription)")
    }
    for value in [
      "", " a", "a ", "a\u{A0}", "a\nb", "a\tb", "a`b", "a\u{2028}b", "a\u{85}b", "a\u{E000}b", "a\u{E003}",
    ] {
      #expect(Form(value) == nil, "\(value.debugDescription)")
    }
  }

  @Test("Forms where a value could change the structure around it are refused")
  func unsafeForms() {
    let names = SentinelSplice.Names()
    func template(_ text: String) -> SentinelSplice.Template? {
      PreparedText(markdown: text, contexts: PlaceholderContextCache()).sentinelTemplate(["v": "abc"], names: names)
    }
    #expect(template("Use {{v}}.")?.isSafe == true)
    #expect(template("`<{{v}}>`")?.isSafe == true)
    #expect(template("&{{v}};")?.isSafe == false)
    #expect(template("&#x{{v}};")?.isSafe == false)
    #expect(template("<a {{v}}>")?.isSafe == false)
    #expect(template("[{{v}}]\n\n[abc]: /x")?.isSafe == false)
    #expect(template("a \u{E000} {{v}}")?.isSafe == false)
    // A link destination is written as it is; a dangerous one leaves the text to cmark (and the
    // filler's refusal).
    #expect(template("[a]({{v}})")?.markdown == Array("[a](abc)".utf8))
    #expect(
      PreparedText(markdown: "[a]({{v}})", contexts: PlaceholderContextCache()).sentinelTemplate(
        ["v": "javascript:alert(1)"], names: names) == nil)
    #expect(template("a {{v}}") != nil)
  }

  @Test("A malformed or missing sentinel in cmark's HTML is not filled")
  func malformedRender() {
    let value: (Int) -> String? = { $0 == 0 ? "x&y" : nil }
    func fill(_ html: String) -> String? { SentinelSplice.fill(html, expected: 1, value: value) }
    #expect(fill("<p>\u{E000}&amp;amp;t0\u{E001}</p>") == "<p>x&amp;y</p>")
    #expect(fill("<code>\u{E000}&amp;amp;c0\u{E001}</code>") == "<code>x&amp;y</code>")
    #expect(fill("<p>*!\u{E002}&amp;amp;t0\u{E003}!*</p>") == "<p>*x&amp;y*</p>")
    // Backslash kept (code, autolink), entity decoded first (link title), code mark in text.
    #expect(fill("<code>\u{E000}\\&amp;amp;t0\u{E001}</code>") == nil)
    #expect(fill("<a title=\"\u{E000}&amp;t0\u{E001}\">") == nil)
    #expect(fill("<p>\u{E000}&amp;c0\u{E001}</p>") == nil)
    #expect(fill("<p>\u{E000}&amp;amp;t1\u{E001}</p>") == nil)
    #expect(fill("<p>\u{E000}&amp;amp;t0</p>") == nil)
    #expect(fill("<p>x</p>") == nil)
    #expect(fill("<p>\u{E000}&amp;amp;t0\u{E001}\u{E000}&amp;amp;t0\u{E001}</p>") == nil)
    #expect(fill("<p>*\u{E002}&amp;amp;t0\u{E003}!*</p>") == nil)
    #expect(fill("<p>*!\u{E002}&amp;amp;t0\u{E003}*</p>") == nil)
    #expect(fill("<code>\u{E000}&amp;amp;c0\u{E003}!</code>") == nil)
  }

  @Test("Packets are byte-identical with and without splicing guide Markdown", arguments: [false, true])
  func packetsUnchanged(embed: Bool) throws {
    let run = try PacketRun(embed: embed)
    let templates = try TestSupport.templates()
    func renderer(splicing: Bool) -> PacketRenderer {
      let builder = PacketContextBuilder(
        guide: run.guide, layout: templates.layout, screenshots: ScreenshotCatalog(guide: run.guide, embed: embed),
        embedScreenshots: embed)
      builder.splicesMarkdown = splicing
      return PacketRenderer(templates: templates, builder: builder)
    }
    let spliced = renderer(splicing: true)
    let plain = renderer(splicing: false)
    let rosters = [
      TestSupport.root + "/examples/sellers.yml",
      try TestSupport.file(SplicedRenderingTests.roster(count: 150), named: "hostile.yml"),
    ]
    var compared = 0
    for path in rosters {
      for plan in try SplicedRenderingTests().plans(path, generator: run.generator) {
        let got = try spliced.render(plan).outputs
        let expected = try plain.render(plan).outputs
        for (index, pair) in zip(got, expected).enumerated() where pair.0 != pair.1 {
          Issue.record("\(plan.seller.id) \(templates.outputs[index].fileName): differs when guide Markdown is spliced")
        }
        compared += 1
      }
    }
    #expect(compared == 155)
  }
}
