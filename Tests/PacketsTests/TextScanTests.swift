import Testing

@testable import Packets

@Suite("Text scanning")
struct TextScanTests {
  @Test("Indenting puts the indent before every non-empty line and nowhere else")
  func indented() {
    let cases: [(String, String)] = [
      ("", ""), ("a", "  a"), ("a\n", "  a\n"), ("a\nb", "  a\n  b"), ("\n", "\n"), ("a\n\nb\n", "  a\n\n  b\n"),
      ("\n\na", "\n\n  a"), ("日本\n x", "  日本\n   x"), ("a\r\nb", "  a\r\n  b"),
    ]
    for (text, expected) in cases {
      #expect(TextScan.indented(text, by: "  ") == expected, "\(text.debugDescription)")
    }
  }
}
