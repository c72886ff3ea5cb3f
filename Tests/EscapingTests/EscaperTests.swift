import CommonMark
import Foundation
import Testing
import Yams

@testable import Escaping

/// The values the issue lists, plus a few more that break naive escaping.
let nastyValues = [
  "<script>alert(1)</script>", "'; DROP", "\"quoted\"", "line one\nline two", "a # b", "a | b", "${HOME}", "..",
  "back\\slash", "trailing\\", "it's \"both\"", "tab\there", "  spaces  ", "yes", "null", "123", "- item", "1. item",
  "[link](javascript:alert(1))", "**bold**", "`code`", "&amp;", "é ü 日本", "\u{2028}sep", "cr\r\nlf",
]

@Suite("Escapers")
struct EscaperTests {
  @Test("YAML literals read back exactly with Yams", arguments: nastyValues)
  func yamlRoundTrip(value: String) throws {
    let literal = YAMLEscaper().escape(value)
    let node = try Yams.compose(yaml: "key: \(literal)\n")
    #expect(node?.mapping?["key"]?.string == value)
    #expect(!literal.contains("\n"))
  }

  @Test("YAML uses single quotes unless a value needs escapes")
  func yamlQuoteStyle() {
    #expect(YAMLEscaper().escape("it's") == "'it''s'")
    #expect(YAMLEscaper().escape("a\nb") == "\"a\\nb\"")
    #expect(YAMLEscaper().escape("") == "''")
    #expect(YAMLEscaper.key("north_trail") == "north_trail")
    #expect(YAMLEscaper.key("no") == "'no'")
    #expect(YAMLEscaper.key("123") == "'123'")
  }

  @Test("JSON literals read back exactly", arguments: nastyValues)
  func jsonRoundTrip(value: String) throws {
    let literal = JSONEscaper().escape(value)
    let data = Data("[\(literal)]".utf8)
    let array = try JSONSerialization.jsonObject(with: data) as? [String]
    #expect(array == [value])
    #expect(!literal.contains("<"))
  }

  @Test("HTML escaping leaves no markup", arguments: nastyValues)
  func html(value: String) {
    let escaped = HTMLEscaper().escape(value)
    #expect(!escaped.contains("<"))
    #expect(!escaped.contains(">"))
    #expect(!escaped.contains("\""))
    #expect(!escaped.contains("'"))
    let decoded = escaped.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
    #expect(decoded == value)
  }

  @Test("Markdown escaping renders as the value's text, in one paragraph", arguments: nastyValues)
  func markdown(value: String) {
    let escaped = MarkdownEscaper().escape(value)
    let html = CMarkRenderer.render("Seller: " + escaped + " end", as: .html)
    // One paragraph, no element but <p>: no emphasis, link, code, list, heading or raw HTML.
    #expect(html.hasPrefix("<p>") && html.hasSuffix("</p>\n"))
    let inner = html.dropFirst(3).dropLast(5)
    #expect(!inner.contains("<"))
    let expected = value.replacingOccurrences(of: "\r\n", with: " ")
      .map { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{2028}" ? " " : String($0) }.joined()
    #expect(
      String(inner) == "Seller: " + HTMLEscaper().escape(expected).replacingOccurrences(of: "&#39;", with: "'") + " end"
    )
  }

  @Test("Markdown escaping at a line start makes no block")
  func markdownLineStart() {
    for value in ["# heading", "- item", "+ item", "1. item", "2) item", "> quote", "=== ", "    code"] {
      let html = CMarkRenderer.render(MarkdownEscaper().escape(value), as: .html)
      #expect(html.hasPrefix("<p>"), "\(value) became \(html)")
    }
  }

  @Test("Python literals are one line and escape quotes and controls")
  func python() {
    #expect(PythonEscaper().escape("it's") == "'it\\'s'")
    #expect(PythonEscaper().escape("a\nb") == "'a\\nb'")
    #expect(PythonEscaper().escape("back\\") == "'back\\\\'")
    #expect(PythonEscaper().escape("\u{2028}") == "'\\u2028'")
    #expect(PythonEscaper().escape("日本") == "'日本'")
  }

  @Test("dotenv literals escape quotes and backslashes; ${ and CR are refused")
  func dotenv() {
    #expect(DotenvEscaper().escape("it's") == "'it\\'s'")
    #expect(DotenvEscaper().escape("a\\b") == "'a\\\\b'")
    #expect(DotenvEscaper().cannotRepresent("${HOME}") != nil)
    #expect(DotenvEscaper().cannotRepresent("a\rb") != nil)
    #expect(DotenvEscaper().cannotRepresent("a$b {c}") == nil)
    #expect(DotenvEscaper().cannotRepresent("${HOME}")?.contains("HOME") == false)
  }

  @Test("Comments stay on one line and can be read back")
  func comment() {
    let escaped = CommentEscaper().escape("a\nb\\c\u{2028}")
    #expect(escaped == "a\\nb\\\\c\\u{2028}")
    #expect(!escaped.contains("\n"))
  }

  @Test("URLs are percent-encoded and dangerous schemes refused")
  func url() {
    #expect(URLEscaper().escape("https://x.example/a b(c)") == "https://x.example/a%20b%28c%29")
    #expect(URLEscaper().escape("é") == "%C3%A9")
    #expect(URLEscaper().cannotRepresent("javascript:alert(1)") != nil)
    #expect(URLEscaper().cannotRepresent(" JavaScript :x") != nil)
    #expect(URLEscaper().cannotRepresent("java\u{0}script:x") != nil)
    #expect(URLEscaper().cannotRepresent("https://sellercentral.amazon.de") == nil)
  }
}
