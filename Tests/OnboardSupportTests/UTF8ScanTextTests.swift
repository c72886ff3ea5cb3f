import OnboardSupport
import Testing

@Suite("UTF8Scan: text checks")
struct UTF8ScanTextTests {
  @Test("Indenting puts the indent before every non-empty line and nowhere else")
  func indented() {
    let cases: [(String, String)] = [
      ("", ""), ("a", "  a"), ("a\n", "  a\n"), ("a\nb", "  a\n  b"), ("\n", "\n"), ("a\n\nb\n", "  a\n\n  b\n"),
      ("\n\na", "\n\n  a"), ("日本\n x", "  日本\n   x"), ("a\r\nb", "  a\r\n  b"),
    ]
    for (text, expected) in cases {
      #expect(UTF8Scan.indented(text, by: "  ") == expected, "\(text.debugDescription)")
    }
  }

  @Test("A placeholder may start only where two braces meet")
  func mayHavePlaceholder() {
    #expect(UTF8Scan.mayHavePlaceholder("a {{b}}"))
    #expect(UTF8Scan.mayHavePlaceholder("{{"))
    #expect(!UTF8Scan.mayHavePlaceholder("a { {b} }"))
    #expect(!UTF8Scan.mayHavePlaceholder(""))
  }

  @Test("Plain ASCII excludes controls, DEL, non-ASCII and the bytes asked for")
  func plainASCII() {
    let quote = UTF8Scan.ByteSet("'")
    #expect(UTF8Scan.isPlainASCII("abc XYZ ~", avoiding: quote))
    #expect(!UTF8Scan.isPlainASCII("it's", avoiding: quote))
    #expect(!UTF8Scan.isPlainASCII("tab\there", avoiding: quote))
    #expect(!UTF8Scan.isPlainASCII("del\u{7F}", avoiding: quote))
    #expect(!UTF8Scan.isPlainASCII("é", avoiding: quote))
    #expect(UTF8Scan.avoids("é\tabc", quote))
    #expect(!UTF8Scan.avoids("é'", quote))
  }

  @Test("A byte set holds exactly its ASCII bytes")
  func byteSet() {
    let set = UTF8Scan.ByteSet("\u{0}?@\u{7F}é")
    for byte in UInt8.min...UInt8.max {
      #expect(set.contains(byte) == [0x00, 0x3F, 0x40, 0x7F].contains(byte), "\(byte)")
    }
  }

  @Test("Hex digits are upper case and padded to the width")
  func hex() {
    #expect(UTF8Scan.hex(0x0A, width: 2) == "0A")
    #expect(UTF8Scan.hex(0x2028, width: 4) == "2028")
    #expect(UTF8Scan.hex(0x1F600, width: 4) == "1F600")
    #expect(UTF8Scan.hex(0xab, width: 8) == "000000AB")
  }

  @Test("Letters and digits are alphanumeric; punctuation and non-ASCII are not")
  func alphanumeric() {
    let expected = Set(Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8))
    for byte in UInt8.min...UInt8.max {
      #expect(UTF8Scan.isASCIIAlphanumeric(byte) == expected.contains(byte), "\(byte)")
    }
  }

  @Test("Invisible and control scalars are told apart from visible ones")
  func invisible() {
    for scalar: Unicode.Scalar in ["\u{0}", "\u{7F}", "\u{85}", "\u{200B}", "\u{2028}", "\u{FEFF}", "\u{E000}"] {
      #expect(UTF8Scan.isInvisibleOrControl(scalar), "\(scalar.value)")
    }
    for scalar: Unicode.Scalar in ["a", " ", "é", "日"] {
      #expect(!UTF8Scan.isInvisibleOrControl(scalar), "\(scalar.value)")
    }
  }
}
