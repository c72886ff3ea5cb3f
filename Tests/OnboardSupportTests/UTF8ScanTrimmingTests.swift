import OnboardSupport
import Testing

/// The ASCII trimming and matching helpers of `UTF8Scan` (once GuideKit's `UTF8Text`), on slices
/// that do not start at index 0, as the guide reader passes them.
struct UTF8ScanTrimmingTests {
  /// A slice of `text` surrounded by other bytes, so that its indices do not start at 0.
  func slice(_ text: String) -> ArraySlice<UInt8> {
    let bytes = Array(("xx" + text + "yy").utf8)
    return bytes[2..<(bytes.count - 2)]
  }

  @Test(
    arguments: [
      ("  a b\t", "a b"), ("\t\t", ""), ("", ""), ("abc", "abc"), (" é ", "é"), ("\na\n", "\na\n"),
    ])
  func trimmedDropsSpacesAndTabsOnly(_ text: String, _ expected: String) {
    let bytes = slice(text)
    let range = UTF8Scan.trimmed(bytes, UTF8Scan.spaceTab)
    #expect(String(decoding: bytes[range], as: UTF8.self) == expected)
    #expect(range.lowerBound >= bytes.startIndex && range.upperBound <= bytes.endIndex)
  }

  @Test func trimmedWithNewlinesDropsLineFeedsToo() {
    let bytes = slice("\n \ta\nb \n")
    #expect(String(decoding: bytes[UTF8Scan.trimmed(bytes, UTF8Scan.spaceTabNewline)], as: UTF8.self) == "a\nb")
  }

  @Test func findReturnsIndicesOfTheSlice() {
    let bytes = slice("a<!--b<!--")
    #expect(UTF8Scan.find("<!--", in: bytes, from: bytes.startIndex) == bytes.startIndex + 1)
    #expect(UTF8Scan.find("<!--", in: bytes, from: bytes.startIndex + 2) == bytes.startIndex + 6)
    #expect(UTF8Scan.find("<!--", in: bytes, from: bytes.startIndex + 7) == nil)
    // A start before the slice is read as its start.
    #expect(UTF8Scan.find("a", in: bytes, from: 0) == bytes.startIndex)
    #expect(UTF8Scan.find("", in: bytes, from: bytes.startIndex) == nil)
    #expect(UTF8Scan.find("longer than the text itself", in: bytes, from: bytes.startIndex) == nil)
  }

  @Test func hasPrefixComparesBytes() {
    let bytes = slice("```yaml")
    #expect(UTF8Scan.hasPrefix(bytes, "```"))
    #expect(UTF8Scan.hasPrefix(bytes, ""))
    #expect(!UTF8Scan.hasPrefix(bytes, "~~~"))
    #expect(!UTF8Scan.hasPrefix(slice("``"), "```"))
  }
}
