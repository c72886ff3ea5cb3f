import CommonMark
import Escaping
import Foundation
import GuideKit
import Roster
import Testing

@testable import PacketPlanning
@testable import Packets

/// Link destinations filled from roster values are judged as a browser reads them once cmark
/// has decoded character references and backslash escapes (issue 13, item 3).
@Suite("Encoded dangerous links")
struct EncodedLinkTests {
  /// Values that become a `javascript:` (or other refused) link once decoded.
  static let encoded = [
    "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "&#X6a;avascript:alert(1)", "&#0000106;avascript:alert(1)",
    "javascript&colon;alert(1)", "java&Tab;script:alert(1)", "java&NewLine;script:alert(1)",
    "&#32;javascript:alert(1)", "&#9;javascript:alert(1)", "JaVaScRiPt&#58;alert(1)", "java&#x09;script:alert(1)",
    "%6Aavascript:alert(1)", "&#x76;bscript:msgbox(1)", "d&#97;ta:text/html,x",
    "&#102;ile:///etc/passwd", "java\u{0}script:alert(1)",
  ]

  /// Values that stay ordinary links.
  static let safe = [
    "https://example.com/a?b=1&c=2", "https://example.com/?q=&#106;", "/relative/path", "mailto:someone@example.com",
    "https://sellercentral.amazon.de", "&amp;#106;avascript:alert(1)",
  ]

  /// The `href` values of cmark's HTML, decoded as a browser decodes an attribute, with what a
  /// browser's URL parser drops taken out, in lower case.
  static func hrefsAsBrowserSees(_ html: String) -> [String] {
    var result: [String] = []
    var rest = Substring(html)
    while let start = rest.range(of: "href=\"") {
      let after = rest[start.upperBound...]
      guard let end = after.firstIndex(of: "\"") else { break }
      var value = String(after[..<end])
      for (entity, character) in [("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&#39;", "'"), ("&amp;", "&")] {
        value = value.replacingOccurrences(of: entity, with: character)
      }
      let kept = value.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
      let trimmed = String(String.UnicodeScalarView(kept)).drop { $0.unicodeScalars.allSatisfy { $0.value <= 0x20 } }
      result.append(trimmed.lowercased())
      rest = after[after.index(after: end)...]
    }
    return result
  }

  static func isRefusedScheme(_ href: String) -> Bool {
    ["javascript:", "vbscript:", "data:", "file:"].contains { href.hasPrefix($0) }
  }

  @Test("cmark (unsafe) never writes a dangerous href for an encoded value", arguments: encoded)
  func encodedValueNeverBecomesADangerousLink(_ value: String) throws {
    let text = PreparedText(markdown: "[x]({{url}})\n", contexts: PlaceholderContextCache())
    let markdown: String
    do {
      markdown = try text.markdown(["url": value])
    } catch is MarkdownFiller.UnsafeLink {
      return
    }
    let html = CMarkRenderer.render(markdown, as: .html, options: .unsafe)
    let hrefs = Self.hrefsAsBrowserSees(html)
    #expect(!hrefs.contains(where: Self.isRefusedScheme), "\(value.debugDescription) gave \(html)")
  }

  @Test("Encoded dangerous values are refused, ordinary links are not")
  func refusal() {
    for value in Self.encoded {
      #expect(URLEscaper().cannotRepresent(value) != nil, "\(value.debugDescription)")
    }
    for value in Self.safe {
      #expect(URLEscaper().cannotRepresent(value) == nil, "\(value.debugDescription)")
      let markdown = (try? MarkdownFiller(variables: ["u": value]).markdown("[x]({{u}})\n")) ?? ""
      let hrefs = Self.hrefsAsBrowserSees(CMarkRenderer.render(markdown, as: .html, options: .unsafe))
      #expect(hrefs.count == 1 && !hrefs.contains(where: Self.isRefusedScheme), "\(value.debugDescription)")
    }
  }

  @Test("Through the real pipeline, an encoded javascript: link in a roster is refused before any packet")
  func rosterThroughPipeline() throws {
    let values = ["&#106;avascript:alert(1)", "javascript&colon;alert(1)"]
    var yaml = ""
    for (index, value) in values.enumerated() {
      yaml += "- id: s\(index)\n  marketplace: US\n  seller_central_url: '\(value)'\n"
    }
    let path = try TestSupport.file(yaml, named: "links.yml")
    let run = try PacketRun()
    let checked = try run.generator.check(roster: path)
    if checked.diagnostics.isEmpty {
      // What the old code did: the packets were written; cmark must then not make the link.
      _ = try run.generator.write(roster: path)
      for index in values.indices {
        let markdown = TestSupport.text(run.out + "/s\(index)/checklist.md")
        let hrefs = Self.hrefsAsBrowserSees(CMarkRenderer.render(markdown, as: .html, options: .unsafe))
        #expect(!hrefs.contains(where: Self.isRefusedScheme), "row \(index + 1): \(hrefs)")
      }
    } else {
      #expect(checked.diagnostics.filter { $0.ruleID == RosterRules.unsafeLink }.count == values.count)
      for diagnostic in checked.diagnostics { #expect(!diagnostic.message.contains("alert")) }
    }
  }
}
